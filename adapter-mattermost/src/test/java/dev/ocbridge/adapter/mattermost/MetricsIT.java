package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.port.out.MetricsPort.RequestOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.ocbridge.core.port.out.MetricsPort.Server.CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the Mattermost adapter reports for the operator's metrics. */
class MetricsIT {
    private final MattermostFixture fixture = new MattermostFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void postsCreatedAndEditedAreCountedOnceTheServerHasThem() {
        ChatPost post = fixture.chat().createPost(NewPost.inChannel(fixture.dmId, "first"));
        fixture.chat().editPost(post.id(), "second");

        assertThat(fixture.metrics.postsCreated()).isEqualTo(1);
        assertThat(fixture.metrics.postsEdited()).isEqualTo(1);
    }

    @Test
    void everyRequestIsCountedByHowItEndedRetriesIncluded() {
        fixture.emulator.throttle("POST /posts", 1, 0);
        fixture.emulator.failWith("GET /users/me", 1, 503);

        fixture.chat().createPost(NewPost.inChannel(fixture.dmId, "after a 429"));
        fixture.chat().me();
        assertThatThrownBy(() -> fixture.chat().post(new PostId("a".repeat(26))))
                .isInstanceOf(NotFoundException.class);

        assertThat(fixture.metrics.requests(CHAT, RequestOutcome.RATE_LIMITED)).isEqualTo(1);
        assertThat(fixture.metrics.requests(CHAT, RequestOutcome.SERVER_ERROR)).isEqualTo(1);
        assertThat(fixture.metrics.requests(CHAT, RequestOutcome.REFUSED)).isEqualTo(1);
        assertThat(fixture.metrics.requests(CHAT, RequestOutcome.OK)).isEqualTo(2);
        assertThat(fixture.metrics.postsCreated()).isEqualTo(1);
    }

    @Test
    void aServerThatCannotBeReachedIsCountedAsUnreachable() {
        fixture.emulator.goDown();

        try {
            fixture.chat().me();
        } catch (RuntimeException expected) {
            // The adapter retries and then gives up; the attempts are what is counted.
        }

        assertThat(fixture.metrics.requests(CHAT, RequestOutcome.UNREACHABLE)).isPositive();
    }

    @Test
    void eventsAreCountedByTypeAndReconnectsOfTheStreamToo() {
        RecordingChatEventHandler handler = new RecordingChatEventHandler();
        MattermostEventsAdapter events = fixture.connection.events();
        events.start(handler);
        Eventually.await("connected", () -> handler.events(ChatEvent.Connected.class).size() == 1);
        fixture.emulator.sendEvent("typing", Map.of("parent_id", ""));
        fixture.emulator.sendRawFrame("not json");
        fixture.emulator.post(fixture.alice, fixture.dm.id(), "hello");
        Eventually.await("the post", () -> handler.postedMessages().contains("hello"));
        assertThat(fixture.metrics.reconnects(CHAT)).isZero();

        fixture.emulator.dropConnections();
        Eventually.await("reconnected", () -> handler.events(ChatEvent.Connected.class).size() == 2);
        // The server's hello may follow the answer to the challenge, which is what makes the stream connected.
        Eventually.await("the second hello", () -> fixture.metrics.events(CHAT, "hello") >= 2);

        assertThat(fixture.metrics.events(CHAT, "posted")).isEqualTo(1);
        assertThat(fixture.metrics.events(CHAT, "typing")).isEqualTo(1);
        assertThat(fixture.metrics.events(CHAT, "malformed")).isEqualTo(1);
        assertThat(fixture.metrics.events(CHAT, "hello")).isEqualTo(2);
        assertThat(fixture.metrics.reconnects(CHAT)).isEqualTo(1);
    }
}
