package dev.ocbridge.core.access;

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
        if (channelKind != ChannelKind.DIRECT) {
            return Optional.of(new AccessDecision.Ignore("not a direct channel"));
        }
        return screen(author, self);
    }

    /**
     * Whether a person may drive the agent by what they do to the bot's posts (a reaction), judged by their id
     * alone; empty means {@link #decide(ChatUser, UserId)} must still see their profile.
     */
    public Optional<AccessDecision.Ignore> screen(UserId person, UserId self) {
        if (person.equals(self)) {
            return Optional.of(new AccessDecision.Ignore("the bot itself"));
        }
        if (owner.isPresent() && !owner.get().equals(person)) {
            return Optional.of(new AccessDecision.Ignore("not the owner"));
        }
        if (owner.isEmpty() && !allowedUsers.isEmpty() && !allowedUsers.contains(person)) {
            return Optional.of(new AccessDecision.Ignore("not an allowed user"));
        }
        return Optional.empty();
    }

    /** As {@link #screen(UserId, UserId)}, with the person's profile: bots never drive the agent. */
    public AccessDecision decide(ChatUser person, UserId self) {
        Optional<AccessDecision.Ignore> screened = screen(person.id(), self);
        if (screened.isPresent()) {
            return screened.get();
        }
        return person.bot() ? new AccessDecision.Ignore("another bot") : new AccessDecision.Serve();
    }

    /** The user whose DM receives threads of sessions started outside chat, if any. */
    public Optional<UserId> owner() {
        return owner;
    }
}
