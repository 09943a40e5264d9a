package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.MattermostEmulator;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.port.out.ChatPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 429 answers, as a busy server gives them, during streaming and creation. */
class RateLimitIT {
    private static final String PATCH = "PUT /posts/{post_id}/patch";

    private final MattermostFixture fixture = new MattermostFixture();
    private final ChatPort chat = fixture.chat();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void streamingEditsThroughA429StormEndWithTheCompleteFinalText() {
        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, "..."));
        fixture.emulator.throttle(PATCH, 12, 0);
        StringBuilder answer = new StringBuilder();

        for (int i = 1; i <= 30; i++) {
            answer.append("word").append(i).append(' ');
            chat.editPost(post.id(), answer.toString());
        }

        assertThat(fixture.emulator.findPost(post.id().value()).orElseThrow().message()).isEqualTo(answer.toString());
        assertThat(fixture.emulator.requestCount(PATCH)).isEqualTo(30 + 12);
    }

    /** Mattermost's own rate limiter sends both headers; other ones (a proxy) may send only X-Ratelimit-Reset. */
    @ParameterizedTest(name = "Retry-After sent too: {0}")
    @ValueSource(booleans = {true, false})
    void waitsAsLongAsTheServerAsksAndThenSucceeds(boolean retryAfterSent) {
        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, "..."));
        if (retryAfterSent) {
            fixture.emulator.throttle(PATCH, 1, 1);
        } else {
            fixture.emulator.throttleWithoutRetryAfter(PATCH, 1, 1);
        }

        ChatPost edited = chat.editPost(post.id(), "after the reset");

        assertThat(edited.message()).isEqualTo("after the reset");
        List<Duration> arrivals = fixture.emulator.requestTimes(PATCH);
        assertThat(arrivals).hasSize(2);
        // Only a lower bound, the one the server asked for: a busy machine may take longer, never less.
        assertThat(arrivals.get(1).minus(arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRateLimitedCreationIsRetriedAndCreatesExactlyOnePost() {
        fixture.emulator.throttle("POST /posts", 3, 0);

        chat.createPost(NewPost.inChannel(fixture.dmId, "only once"));

        assertThat(fixture.emulator.postsIn(fixture.dm.id())).extracting(p -> p.message()).containsExactly("only once");
        assertThat(fixture.emulator.requestCount("POST /posts")).isEqualTo(4);
    }

    @Test
    void readsSurviveAStormOnEveryEndpoint() {
        fixture.emulator.throttle(MattermostEmulator.ANY_ENDPOINT, 4, 0);

        assertThat(chat.channel(fixture.dmId).name()).isEqualTo(fixture.dm.name());
    }
}
