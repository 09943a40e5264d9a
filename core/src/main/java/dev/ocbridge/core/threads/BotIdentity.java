package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.port.out.ChatPort;

import java.util.Optional;

/** The bot account and the owner's DM, looked up once when first needed. */
public final class BotIdentity {
    private final ChatPort chat;
    private final Optional<UserId> owner;
    private ChatUser self;
    private ChannelId ownerDm;

    public BotIdentity(ChatPort chat, Optional<UserId> owner) {
        this.chat = chat;
        this.owner = owner;
    }

    public synchronized ChatUser self() {
        if (self == null) {
            self = chat.me();
        }
        return self;
    }

    public Optional<UserId> owner() {
        return owner;
    }

    /** The direct channel with the owner, where threads of sessions started elsewhere go. */
    public synchronized Optional<ChannelId> ownerDm() {
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        if (ownerDm == null) {
            ownerDm = chat.directChannelWith(owner.get());
        }
        return Optional.of(ownerDm);
    }
}
