package dev.ocbridge.adapter.mattermost.emulator;

import java.util.List;

/** A channel of the emulated server; {@code type} is Mattermost's one-letter type (D, G, O, P). */
public record EmulatedChannel(String id, String type, String name, String displayName, String header, long createAt,
                              long updateAt, List<String> memberIds) {

    public EmulatedChannel {
        memberIds = List.copyOf(memberIds);
    }

    EmulatedChannel withHeader(String newHeader, long at) {
        return new EmulatedChannel(id, type, name, displayName, newHeader, createAt, at, memberIds);
    }
}
