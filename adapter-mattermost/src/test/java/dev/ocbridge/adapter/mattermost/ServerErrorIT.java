package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.port.out.ChatPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server errors and outages: what is retried and what is reported. */
class ServerErrorIT {
    private final MattermostFixture fixture = new MattermostFixture();
    private final ChatPort chat = fixture.chat();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void readsAreRetriedThroughPassingServerErrors() {
        EmulatedPost post = fixture.emulator.post(fixture.alice, fixture.dm.id(), "hello");
        fixture.emulator.failWith("GET /posts/{post_id}", 2, 503);

        assertThat(chat.post(new PostId(post.id())).message()).isEqualTo("hello");
        assertThat(fixture.emulator.requestCount("GET /posts/{post_id}")).isEqualTo(3);
    }

    @Test
    void editsAreRetriedThroughPassingServerErrors() {
        EmulatedPost post = fixture.emulator.post(fixture.bot, fixture.dm.id(), "draft");
        fixture.emulator.failWith("PUT /posts/{post_id}/patch", 2, 502);

        chat.editPost(new PostId(post.id()), "final");

        assertThat(fixture.emulator.findPost(post.id()).orElseThrow().message()).isEqualTo("final");
    }

    @Test
    void aCreationThatMetAServerErrorIsRetriedAndPostsOnce() {
        fixture.emulator.failWith("POST /posts", 1, 500);

        chat.createPost(NewPost.inChannel(fixture.dmId, "once"));

        assertThat(fixture.emulator.postsIn(fixture.dm.id())).extracting(p -> p.message()).containsExactly("once");
        assertThat(fixture.emulator.requestCount("POST /posts")).isEqualTo(2);
    }

    @Test
    void aServerThatStaysBrokenIsReportedUnavailableAfterTheLastAttempt() {
        fixture.emulator.failWith("GET /channels/{channel_id}", 100, 503);

        assertThatThrownBy(() -> chat.channel(fixture.dmId)).isInstanceOf(UnavailableException.class);
        assertThat(fixture.emulator.requestCount("GET /channels/{channel_id}")).isEqualTo(4);
    }

    @Test
    void anEndpointTheServerDoesNotImplementIsRefusedAtOnceWithoutRetries() {
        fixture.emulator.failWith("GET /channels/{channel_id}", 100, 501);

        assertThatThrownBy(() -> chat.channel(fixture.dmId)).isInstanceOf(RejectedRequestException.class);
        assertThat(fixture.emulator.requestCount("GET /channels/{channel_id}")).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        fixture.emulator.goDown();

        assertThatThrownBy(() -> chat.channel(fixture.dmId)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("unreachable");
    }
}
