package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.adapter.mattermost.emulator.MattermostEmulator;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.UserId;

import java.util.HashMap;
import java.util.Map;

/** The people a contract test makes on the emulator, as the core names them and as the emulator acts for them. */
final class EmulatedPeople {
    private final MattermostEmulator emulator;
    private final Map<UserId, EmulatedUser> people = new HashMap<>();

    EmulatedPeople(MattermostEmulator emulator) {
        this.emulator = emulator;
    }

    /** A new person; the name gets a suffix, since a contract may ask for the same name twice. */
    ChatUser add(String username) {
        EmulatedUser user = emulator.createUser(username + "-" + people.size());
        people.put(new UserId(user.id()), user);
        return new ChatUser(new UserId(user.id()), user.username(), false);
    }

    EmulatedUser get(UserId id) {
        return people.get(id);
    }
}
