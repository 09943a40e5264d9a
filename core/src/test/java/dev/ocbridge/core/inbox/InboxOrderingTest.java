package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.testing.Gate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order the inbox keeps: one thread's posts in order, threads in parallel, the main DM in order, and the
 * channel's cursor as a low-water mark over the posts handled. Runs on the kit's calling-thread queues; a call held
 * at a {@link Gate} on a thread of its own shows what goes on meanwhile.
 */
class InboxOrderingTest {
    private static final long PATIENCE_SECONDS = 10;

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        background.shutdownNow();
    }

    @Test
    void aPostWaitingForARetryHoldsOnlyItsOwnThread() {
        ThreadMapping held = kit.sessionWithThread("Held");
        ThreadMapping other = kit.sessionWithThread("Other");
        kit.chat.failNextUserLookups(1);

        kit.userPosts(kit.alice, kit.aliceDm, held.thread().root(), "first in held");
        kit.userPosts(kit.alice, kit.aliceDm, other.thread().root(), "in the other thread");
        kit.userPosts(kit.alice, kit.aliceDm, held.thread().root(), "second in held");

        assertThat(promptMessages(other.sessionId())).containsExactly("in the other thread");
        assertThat(promptMessages(held.sessionId())).isEmpty();
        kit.scheduler.advance(Duration.ofSeconds(1));
        assertThat(promptMessages(held.sessionId())).containsExactly("first in held", "second in held");
    }

    @Test
    void aThreadIsServedWhileASessionIsBeingCreatedFromTheMainDm() throws Exception {
        ThreadMapping existing = kit.sessionWithThread("Existing");
        Gate creation = new Gate();
        kit.sessions.holdCreations(creation);
        Future<ChatPost> mainDm = background.submit(() -> kit.userPosts(kit.alice, kit.aliceDm, null, "start one"));
        creation.awaitArrival();

        kit.userPosts(kit.alice, kit.aliceDm, existing.thread().root(), "meanwhile");

        assertThat(promptMessages(existing.sessionId())).containsExactly("meanwhile");
        creation.open();
        mainDm.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void mainDmPostsAreHandledInOrderAmongThemselves() throws Exception {
        Gate creation = new Gate();
        kit.sessions.holdCreations(creation);
        Future<ChatPost> first = background.submit(() -> kit.userPosts(kit.alice, kit.aliceDm, null, "first"));
        creation.awaitArrival();

        ChatPost second = kit.userPosts(kit.alice, kit.aliceDm, null, "second");
        boolean secondThreadOpenedMeanwhile = kit.mappings.findByThreadRoot(second.id()).isPresent();
        creation.open();
        first.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(secondThreadOpenedMeanwhile).isFalse();
        assertThat(kit.mappings.findByThreadRoot(second.id())).isPresent();
    }

    @Test
    void aReplyToAPostWhoseSessionIsStillBeingCreatedReachesThatSessionAfterIt() throws Exception {
        Gate creation = new Gate();
        kit.sessions.holdCreations(creation);
        Future<ChatPost> root = background.submit(() -> kit.userPosts(kit.alice, kit.aliceDm, null, "start one"));
        creation.awaitArrival();
        PostId rootId = kit.chat.postsIn(kit.aliceDm).get(0).id();

        kit.userPosts(kit.alice, kit.aliceDm, rootId, "and then this");
        creation.open();
        root.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        ThreadMapping started = kit.mappings.findByThreadRoot(rootId).orElseThrow();
        assertThat(promptMessages(started.sessionId())).containsExactly("start one", "and then this");
    }

    @Test
    void theCursorDoesNotPassAPostWaitingForARetryThoughLaterPostsWereHandled() {
        ThreadMapping held = kit.sessionWithThread("Held");
        ThreadMapping other = kit.sessionWithThread("Other");
        ChatPost handledBefore = kit.userPosts(kit.alice, kit.aliceDm, other.thread().root(), "before");
        kit.chat.failNextUserLookups(1);

        kit.userPosts(kit.alice, kit.aliceDm, held.thread().root(), "waits for a retry");
        ChatPost later = kit.userPosts(kit.alice, kit.aliceDm, other.thread().root(), "handled at once");

        assertThat(promptMessages(other.sessionId())).contains("handled at once");
        assertThat(cursorPost()).contains(handledBefore.id());
        kit.scheduler.advance(Duration.ofSeconds(1));
        assertThat(cursorPost()).contains(later.id());
    }

    @Test
    void aPostGivenUpForGoodIsPassedByTheCursor() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        kit.chat.refuseNextUserLookups(1);

        ChatPost refused = kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "refused for good");

        assertThat(cursorPost()).contains(refused.id());
    }

    @Test
    void aStopLeavesAPostWaitingForARetryToBeCaughtUpAfterTheRestart() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        ChatPost handled = kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "answered");
        kit.chat.failNextUserLookups(1);
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "waits for a retry");

        CoreTestKit restarted = kit.restart();

        assertThat(restarted.mappings.cursor(kit.aliceDm).map(ChannelCursor::lastPostId)).contains(handled.id());
    }

    @Test
    void theFirstPostOfAChannelStillWaitingAtACrashLeavesACursorFromWhichItIsCaughtUpAfterTheRestart()
            throws Exception {
        Gate creation = new Gate();
        kit.sessions.holdCreations(creation);
        Future<ChatPost> first = background.submit(() -> kit.userPosts(kit.alice, kit.aliceDm, null, "start one"));
        creation.awaitArrival();
        ChatPost waiting = kit.chat.postsIn(kit.aliceDm).get(0);

        CoreTestKit restarted = kit.restart();

        assertThat(restarted.mappings.cursor(kit.aliceDm)).contains(ChannelCursor.startingAt(waiting.createdAt()));
        creation.open();
        first.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aChannelWithoutACursorStartsWhereTheCatchUpSaysAndOneWithACursorKeepsIt() {
        ChannelCursor newest = new ChannelCursor(new PostId("newest"), kit.clock.instant());
        ChatPost handled = kit.userPosts(kit.alice, kit.aliceDm, null, "!status");

        kit.inbox.startAt(kit.bobDm, newest);
        kit.inbox.startAt(kit.aliceDm, newest);

        assertThat(kit.mappings.cursor(kit.bobDm)).contains(newest);
        assertThat(kit.mappings.cursor(kit.aliceDm).map(ChannelCursor::lastPostId)).contains(handled.id());
    }

    @Test
    void afterARestartThePostsHandledAboveTheCursorAreNotHandledAgainButTheWaitingOneIs() {
        ThreadMapping held = kit.sessionWithThread("Held");
        ThreadMapping other = kit.sessionWithThread("Other");
        kit.userPosts(kit.alice, kit.aliceDm, other.thread().root(), "the cursor's post");
        kit.chat.failNextUserLookups(1);
        ChatPost waiting = kit.userPosts(kit.alice, kit.aliceDm, held.thread().root(), "waits for a retry");
        ChatPost answered = kit.userPosts(kit.alice, kit.aliceDm, other.thread().root(), "answered before the stop");

        CoreTestKit restarted = kit.restart();
        restarted.inbox.onChatEvent(new ChatEvent.MessagePosted(waiting, ChannelKind.DIRECT));
        restarted.inbox.onChatEvent(new ChatEvent.MessagePosted(answered, ChannelKind.DIRECT));

        assertThat(promptMessages(held.sessionId())).containsExactly("waits for a retry");
        assertThat(promptMessages(other.sessionId())).containsExactly("the cursor's post", "answered before the stop");
        assertThat(cursorPost()).contains(answered.id());
    }

    @Test
    void whileTheChatOwesACatchUpTheCursorStaysWhereTheCatchUpMustStart() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        ChatPost before = kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "before the outage");
        kit.inbox.catchUpOwed(kit.aliceDm);

        ChatPost live = kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "live meanwhile");
        Optional<PostId> whileOwed = cursorPost();
        kit.inbox.caughtUp(kit.aliceDm);

        assertThat(whileOwed).contains(before.id());
        assertThat(cursorPost()).contains(live.id());
    }

    @Test
    void aPostDeliveredTwiceWhileInTheInboxIsHandledOnce() {
        ThreadMapping mapping = kit.sessionWithThread("Work");
        kit.chat.failNextUserLookups(1);
        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "once");

        kit.inbox.onChatEvent(new ChatEvent.MessagePosted(post, ChannelKind.DIRECT));
        kit.scheduler.advance(Duration.ofSeconds(1));

        assertThat(promptMessages(mapping.sessionId())).containsExactly("once");
    }

    private Optional<PostId> cursorPost() {
        return kit.mappings.cursor(kit.aliceDm).map(ChannelCursor::lastPostId);
    }

    /** The person's words at the end of each prompt the session got, after the reply-context header. */
    private List<String> promptMessages(SessionId session) {
        return kit.promptTextsTo(session).stream()
                .map(text -> text.substring(text.lastIndexOf("]\n") + 2))
                .toList();
    }
}
