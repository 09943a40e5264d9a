package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.port.out.ChatPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One thread's posts rate-limited while others are served: the waits are timer tasks, not threads or connections,
 * so they hold up nobody else. Proven by counting requests and waiting calls; the long Retry-After never elapses.
 */
class RateLimitIsolationIT {
    private static final String PATCH = "PUT /posts/{post_id}/patch";
    private static final String CREATE = "POST /posts";
    private static final String READ_CHANNEL = "GET /channels/{channel_id}";
    private static final int STORMED_EDITS = 20;
    private static final int RETRY_AFTER_SECONDS = 600;

    private final MattermostFixture fixture = new MattermostFixture();
    private final ChatPort chat = fixture.chat();
    private final ExecutorService sessions = Executors.newFixedThreadPool(STORMED_EDITS);

    @AfterEach
    void tearDown() {
        fixture.close();
        sessions.shutdownNow();
    }

    @Test
    void whileEveryEditInOneThreadWaitsOutA429TheMainDmIsAnsweredAtOnce() {
        ChatPost root = chat.createPost(NewPost.inChannel(fixture.dmId, "thread A"));
        List<ChatPost> answers = new ArrayList<>();
        for (int i = 0; i < STORMED_EDITS; i++) {
            answers.add(chat.createPost(NewPost.inThread(root.thread(), "answer " + i)));
        }
        fixture.emulator.throttleThread(root.id().value(), RETRY_AFTER_SECONDS);
        List<CompletableFuture<ChatPost>> edits = answers.stream()
                .map(answer -> CompletableFuture.supplyAsync(() -> chat.editPost(answer.id(), "more"), sessions))
                .toList();
        Eventually.await("every edit in thread A got its 429",
                () -> fixture.emulator.requestCount(PATCH) == STORMED_EDITS);
        int createsBefore = fixture.emulator.requestCount(CREATE);

        ChatPost status = chat.createPost(NewPost.inChannel(fixture.dmId, "status: all fine"));

        assertThat(fixture.emulator.findPost(status.id().value())).isPresent();
        assertThat(fixture.emulator.requestCount(CREATE)).isEqualTo(createsBefore + 1);
        assertThat(fixture.emulator.requestCount(PATCH)).isEqualTo(STORMED_EDITS);
        assertThat(edits).noneMatch(CompletableFuture::isDone);
        assertThat(fixture.connection.requestsWaitingToRetry()).isEqualTo(STORMED_EDITS);
    }

    @Test
    void closingTheConnectionEndsTheWaitsInsteadOfLeavingTheirCallersHanging() {
        ChatPost post = chat.createPost(NewPost.inChannel(fixture.dmId, "..."));
        fixture.emulator.throttle(PATCH, 1, RETRY_AFTER_SECONDS);
        CompletableFuture<ChatPost> edit = CompletableFuture.supplyAsync(() -> chat.editPost(post.id(), "x"), sessions);
        Eventually.await("the edit waits out its 429", () -> fixture.connection.requestsWaitingToRetry() == 1);

        fixture.connection.close();

        assertThatThrownBy(edit::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UnavailableException.class);
        assertThat(fixture.connection.requestsWaitingToRetry()).isZero();
    }

    @Test
    void manyCallersAtOnceAreAsManyRequestsInFlight() throws Exception {
        fixture.emulator.holdRequests(READ_CHANNEL);
        List<CompletableFuture<?>> lookups = new ArrayList<>();
        for (int i = 0; i < STORMED_EDITS; i++) {
            lookups.add(CompletableFuture.runAsync(() -> chat.channel(fixture.dmId), sessions));
        }

        Eventually.await("every lookup reached the server while none was answered",
                () -> fixture.emulator.requestCount(READ_CHANNEL) == STORMED_EDITS);
        fixture.emulator.releaseRequests();
        CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).get();
    }
}
