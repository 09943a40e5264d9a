package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PostOrigin;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.UnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditCoalescerTest {
    private static final PostId POST = new PostId("p1");

    private final EditCoalescer coalescer = new EditCoalescer();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private ChatPost stored(String text) {
        return new ChatPost(POST, new ChannelId("c"), null, new UserId("u"), PostOrigin.AUTOMATION, text, Instant.EPOCH, null, null);
    }

    private final Function<String, ChatPost> slowFirstSend = text -> {
        sent.add(text);
        if (sent.size() == 1) {
            try {
                releaseFirst.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return stored(text);
    };

    private Future<ChatPost> editLater(String text) {
        return pool.submit(() -> coalescer.edit(POST, text, slowFirstSend));
    }

    private void awaitEditsInProgress(int count) {
        Eventually.await(count + " edits in progress", () -> coalescer.editsInProgress(POST) == count);
    }

    @Test
    void sendsOnlyTheNewestOfTheEditsThatWaitedWhileOneWasBeingSent() throws Exception {
        Future<ChatPost> first = editLater("v1");
        Eventually.await("first edit sending", () -> sent.size() == 1);
        Future<ChatPost> second = editLater("v2");
        awaitEditsInProgress(2);
        Future<ChatPost> third = editLater("v3");
        awaitEditsInProgress(3);
        Future<ChatPost> fourth = editLater("v4");
        awaitEditsInProgress(4);

        releaseFirst.countDown();

        assertThat(first.get().message()).isEqualTo("v1");
        assertThat(List.of(second.get(), third.get(), fourth.get())).extracting(ChatPost::message)
                .containsOnly("v4");
        assertThat(sent).containsExactly("v1", "v4");
        assertThat(coalescer.editsInProgress(POST)).isZero();
    }

    @Test
    void aFailedSendFailsItsCallerAndTheNextWaiterSendsTheNewestText() throws Exception {
        CountDownLatch failing = new CountDownLatch(1);
        Function<String, ChatPost> failFirst = text -> {
            sent.add(text);
            if (sent.size() == 1) {
                try {
                    failing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new UnavailableException("down");
            }
            return stored(text);
        };
        Future<ChatPost> first = pool.submit(() -> coalescer.edit(POST, "v1", failFirst));
        Eventually.await("first edit sending", () -> sent.size() == 1);
        Future<ChatPost> second = pool.submit(() -> coalescer.edit(POST, "v2", failFirst));
        awaitEditsInProgress(2);

        failing.countDown();

        assertThatThrownBy(first::get).hasCauseInstanceOf(UnavailableException.class);
        assertThat(second.get().message()).isEqualTo("v2");
        assertThat(sent).containsExactly("v1", "v2");
    }

    @Test
    void editsOfDifferentPostsDoNotWaitForEachOther() {
        ChatPost other = coalescer.edit(new PostId("p2"), "alone", text -> stored(text));

        assertThat(other.message()).isEqualTo("alone");
    }
}
