package dev.ocbridge.core.domain;

/** A chat account. */
public record ChatUser(UserId id, String username, boolean bot) {
    public ChatUser {
        Checks.require(id, "user id");
        Checks.requireText(username, "username");
    }
}
