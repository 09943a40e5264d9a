package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.port.out.ChatPort;

import java.util.Optional;

/**
 * The bot account and the owner's DM, looked up when first needed. The look-ups run without a lock: one that
 * waits on a rate-limited chat server must not hold up callers that are not looking; two callers that look at
 * once both get the same answer, and either may be kept.
 */
public final class BotIdentity {
    private final ChatPort chat;
    private final Optional<UserId> owner;
    private volatile ChatUser self;
    private volatile ChannelId ownerDm;

    public BotIdentity(ChatPort chat, Optional<UserId> owner) {
        this.chat = chat;
        this.owner = owner;
    }

    public ChatUser self() {
        ChatUser known = self;
        if (known == null) {
            known = chat.me();
            self = known;
        }
        return known;
    }

    public Optional<UserId> owner() {
        return owner;
    }

    /** The direct channel with the owner, where threads of sessions started elsewhere go. */
    public Optional<ChannelId> ownerDm() {
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        ChannelId known = ownerDm;
        if (known == null) {
            known = chat.directChannelWith(owner.get());
            ownerDm = known;
        }
        return Optional.of(known);
    }
}
