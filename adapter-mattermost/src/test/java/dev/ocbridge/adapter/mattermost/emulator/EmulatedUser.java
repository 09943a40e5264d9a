package dev.ocbridge.adapter.mattermost.emulator;

/**
 * An account of the emulated server; {@code token} is its personal access token (bearer). A system admin may read,
 * post and react in every channel, direct channels of other people included, as on the real server.
 */
public record EmulatedUser(String id, String username, String token, boolean bot, boolean systemAdmin) {

    @Override
    public String toString() {
        return "EmulatedUser[id=" + id + ", username=" + username + ", bot=" + bot + ", systemAdmin=" + systemAdmin
                + "]";
    }
}
