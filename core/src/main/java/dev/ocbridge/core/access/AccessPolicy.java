package dev.ocbridge.core.access;

import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.PostOrigin;
import dev.ocbridge.core.domain.UserId;

import java.util.Optional;
import java.util.Set;

/**
 * Who may drive the agent: people, never bots, integrations or the chat server itself, in direct channels
 * with the bot; only the owner when one is set, otherwise only the allowed users. Closed by default: a policy
 * given neither serves nobody; only {@link #anyone()} serves whoever can message the bot.
 */
public final class AccessPolicy {
    /** Whom the bridge serves. */
    public enum Audience {
        OWNER,
        ALLOWED_USERS,
        ANYONE,
        NOBODY
    }

    private final Optional<UserId> owner;
    private final Set<UserId> allowedUsers;
    private final boolean anyone;

    /** The owner when present, else the allowed users; nobody when both are missing. */
    public AccessPolicy(Optional<UserId> owner, Set<UserId> allowedUsers) {
        this(owner, allowedUsers, false);
    }

    private AccessPolicy(Optional<UserId> owner, Set<UserId> allowedUsers, boolean anyone) {
        this.owner = owner;
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.anyone = anyone;
    }

    /** Every person who can message the bot drives the agent: what the operator must ask for explicitly. */
    public static AccessPolicy anyone() {
        return new AccessPolicy(Optional.empty(), Set.of(), true);
    }

    public AccessDecision decide(ChatPost post, ChannelKind channelKind, ChatUser author, UserId self) {
        Optional<AccessDecision.Ignore> screened = screen(post, channelKind, self);
        if (screened.isPresent()) {
            return screened.get();
        }
        if (author.bot()) {
            return new AccessDecision.Ignore("a post by another bot");
        }
        return new AccessDecision.Serve();
    }

    /**
     * The refusals that need only the post, so that a post to be ignored costs no lookup of its author.
     * Empty means {@link #decide} must still see the author's profile.
     */
    public Optional<AccessDecision.Ignore> screen(ChatPost post, ChannelKind channelKind, UserId self) {
        UserId author = post.authorId();
        if (author.equals(self)) {
            return Optional.of(new AccessDecision.Ignore("the bot's own post"));
        }
        if (post.origin() == PostOrigin.SYSTEM) {
            return Optional.of(new AccessDecision.Ignore("written by the chat server, not a person"));
        }
        if (post.origin() == PostOrigin.AUTOMATION) {
            return Optional.of(new AccessDecision.Ignore("posted by a program, not typed by a person"));
        }
        if (channelKind != ChannelKind.DIRECT) {
            return Optional.of(new AccessDecision.Ignore("not a direct channel"));
        }
        switch (audience()) {
            case OWNER:
                return owner.get().equals(author) ? Optional.empty()
                        : Optional.of(new AccessDecision.Ignore("not the owner"));
            case ALLOWED_USERS:
                return allowedUsers.contains(author) ? Optional.empty()
                        : Optional.of(new AccessDecision.Ignore("not an allowed user"));
            case ANYONE:
                return Optional.empty();
            case NOBODY:
            default:
                return Optional.of(new AccessDecision.Ignore("nobody is allowed: no owner and no allowed users"));
        }
    }

    public Audience audience() {
        if (owner.isPresent()) {
            return Audience.OWNER;
        }
        if (!allowedUsers.isEmpty()) {
            return Audience.ALLOWED_USERS;
        }
        return anyone ? Audience.ANYONE : Audience.NOBODY;
    }

    public int allowedUserCount() {
        return allowedUsers.size();
    }

    /** The user whose DM receives threads of sessions started outside chat, if any. */
    public Optional<UserId> owner() {
        return owner;
    }
}
