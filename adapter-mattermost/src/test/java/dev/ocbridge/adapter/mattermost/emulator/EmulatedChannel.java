package dev.ocbridge.adapter.mattermost.emulator;

import java.util.List;

/** A channel of the emulated server; {@code type} is Mattermost's one-letter type (D, G, O, P). */
public record EmulatedChannel(String id, String type, String name, String displayName, long createAt,
                              List<String> memberIds) {

    public EmulatedChannel {
        memberIds = List.copyOf(memberIds);
    }
}
