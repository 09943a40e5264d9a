package dev.ocbridge.adapter.mattermost.emulator;

/** An account of the emulated server; {@code token} is its personal access token (bearer). */
public record EmulatedUser(String id, String username, String token, boolean bot) {

    @Override
    public String toString() {
        return "EmulatedUser[id=" + id + ", username=" + username + ", bot=" + bot + "]";
    }
}
