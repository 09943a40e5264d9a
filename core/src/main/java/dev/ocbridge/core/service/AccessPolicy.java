package dev.ocbridge.core.service;

import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.UserId;

import java.util.Optional;
import java.util.Set;

/**
 * Who may drive the agent: people, in direct channels with the bot; only the owner when one is set,
 * otherwise only the allowed users when a list is given, otherwise anyone who can DM the bot.
 */
public final class AccessPolicy {
    private final Optional<UserId> owner;
    private final Set<UserId> allowedUsers;

    public AccessPolicy(Optional<UserId> owner, Set<UserId> allowedUsers) {
        this.owner = owner;
        this.allowedUsers = Set.copyOf(allowedUsers);
    }

    public AccessDecision decide(ChatPost post, ChannelKind channelKind, ChatUser author, UserId self) {
        if (author.id().equals(self)) {
            return new AccessDecision.Ignore("the bot's own post");
        }
        if (author.bot()) {
            return new AccessDecision.Ignore("a post by another bot");
        }
        if (channelKind != ChannelKind.DIRECT) {
            return new AccessDecision.Ignore("not a direct channel");
        }
        if (owner.isPresent()) {
            return owner.get().equals(author.id())
                    ? new AccessDecision.Serve()
                    : new AccessDecision.Ignore("not the owner");
        }
        if (!allowedUsers.isEmpty() && !allowedUsers.contains(author.id())) {
            return new AccessDecision.Ignore("not an allowed user");
        }
        return new AccessDecision.Serve();
    }

    /** The user whose DM receives threads of sessions started outside chat, if any. */
    public Optional<UserId> owner() {
        return owner;
    }
}
