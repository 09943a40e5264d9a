package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.port.out.ChatPort;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** The core's chat fake keeps the promises the real Mattermost adapter keeps. */
class FakeChatPortContractTest extends ChatPortContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final FakeChatPort chat = new FakeChatPort(clock, new ChatUser(new UserId("bot"), "bot", true));

    @Override
    protected ChatPort chat() {
        return chat;
    }

    @Override
    protected ChatUser newPerson(String username) {
        return chat.addUser(username, false);
    }

    @Override
    protected ChatPost postAsPerson(ChatUser author, ChannelId channel, PostId root, String message) {
        return chat.postAs(author, channel, root, message);
    }

    @Override
    protected ChatPost postByAutomation(ChatUser onBehalfOf, ChannelId channel, String message) {
        return chat.postByAutomation(onBehalfOf, channel, message);
    }

    @Override
    protected Set<String> reactionsOn(PostId post) {
        return chat.reactionsOn(post);
    }

    @Override
    protected void timePasses() {
        clock.advance(Duration.ofMillis(5));
    }
}
