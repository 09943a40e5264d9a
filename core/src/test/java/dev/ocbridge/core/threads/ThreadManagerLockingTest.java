package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.testing.Gate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow server call for one session must not hold up the bookkeeping of the others. Each test parks one
 * call at a {@link Gate} on a thread of its own and checks what the test's thread can still do meanwhile.
 * The bounded waits only turn a hang into a failure; they measure nothing.
 */
class ThreadManagerLockingTest {
    private static final long PATIENCE_SECONDS = 10;

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final Gate gate = new Gate();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void releaseTheParkedCall() throws InterruptedException {
        gate.open();
        background.shutdown();
        assertThat(background.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void whileASessionIsBeingCreatedOtherSessionsAreRetitledAndTouched() throws Exception {
        ThreadMapping other = kit.sessionWithThread("Other work");
        kit.sessions.holdCreations(gate);
        background.submit(() -> kit.userPosts(kit.alice, kit.aliceDm, null, "start something new"));
        gate.awaitArrival();

        retitleAndTouchWhileTheCallIsParked(other);

        assertRetitledAndTouchedMeanwhile(other);
    }

    @Test
    void whileAnEndedNoticeIsBeingPostedOtherSessionsAreRetitledAndTouched() throws Exception {
        ThreadMapping ending = kit.sessionWithThread("Ending");
        ThreadMapping other = kit.sessionWithThread("Other work");
        kit.chat.holdPosts(gate);
        background.submit(() -> kit.threads.endThread(ending.sessionId()));
        gate.awaitArrival();

        retitleAndTouchWhileTheCallIsParked(other);

        assertRetitledAndTouchedMeanwhile(other);
        assertThat(kit.mappings.findBySession(ending.sessionId()).orElseThrow().isActive()).isFalse();
    }

    @Test
    void theServersEventDuringACreationFromChatWaitsForItAndOpensNoSecondThread() throws Exception {
        kit.sessions.holdCreations(gate);
        Future<ChatPost> creation = background.submit(
                () -> kit.userPosts(kit.alice, kit.aliceDm, null, "start something new"));
        gate.awaitArrival();
        SessionInfo beingCreated = kit.sessions.listSessions().get(0);
        Thread adoption = new Thread(() -> kit.agentReports(new SessionEvent.SessionCreated(beingCreated)));
        adoption.start();
        awaitWaitingOrDone(adoption);

        gate.open();
        ChatPost post = creation.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        adoption.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));

        assertThat(adoption.isAlive()).isFalse();
        assertThat(kit.mappings.mappings()).hasSize(1);
        assertThat(kit.mappings.mappings().get(0).thread().root()).isEqualTo(post.id());
        assertThat(kit.chat.postsIn(kit.aliceDm).stream().filter(p -> !p.isReply())).containsExactly(post);
    }

    @Test
    void aReplyInAThreadWhoseMappingIsStillBeingSavedWaitsForItAndReachesTheSession() throws Exception {
        SessionInfo session = kit.sessions.addSession("Just announced", CoreTestKit.DIRECTORY, null);
        kit.mappings.holdSaves(gate);
        Future<?> adoption = background.submit(() -> kit.agentReports(new SessionEvent.SessionCreated(session)));
        gate.awaitArrival();
        ChatPost root = kit.chat.postsIn(kit.aliceDm).get(0);
        Thread reply = new Thread(() -> kit.userPosts(kit.alice, kit.aliceDm, root.id(), "quick reply"));
        reply.start();
        awaitWaitingOrDone(reply);

        gate.open();
        adoption.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        reply.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));

        assertThat(reply.isAlive()).isFalse();
        assertThat(kit.promptTextsTo(session.id())).hasSize(1);
        assertThat(kit.chat.postsBy(kit.bot.id())).noneMatch(post -> post.message().contains("not linked"));
    }

    @Test
    void whileOneSessionsThreadRootIsBeingPostedASessionStartedFromChatIsCreatedAndMapped() throws Exception {
        SessionInfo announced = kit.sessions.addSession("Announced", CoreTestKit.DIRECTORY, null);
        ChatPost topLevel = kit.chat.postAs(kit.alice, kit.aliceDm, null, "start something new");
        kit.chat.holdPosts(gate);
        Future<?> adoption = background.submit(() -> kit.agentReports(new SessionEvent.SessionCreated(announced)));
        gate.awaitArrival();

        background.submit(() -> kit.threads.startSessionFrom(topLevel, Optional.empty()));

        ThreadMapping started = awaitMappingOfThread(topLevel.id());
        assertThat(adoption).as("the announced session's root post, still held").isNotDone();
        assertThat(started.sessionId()).isNotEqualTo(announced.id());
        assertThat(kit.mappings.findBySession(announced.id())).isEmpty();
    }

    @Test
    void twoAdoptionsOfOneSessionAtOnceOpenOneThread() throws Exception {
        SessionInfo announced = kit.sessions.addSession("Announced twice", CoreTestKit.DIRECTORY, null);
        kit.chat.holdPosts(gate);
        Future<Optional<ThreadMapping>> first = background.submit(
                () -> kit.threads.ensureThread(announced, kit.alice.id(), kit.aliceDm));
        gate.awaitArrival();
        Future<Optional<ThreadMapping>> second = background.submit(
                () -> kit.threads.ensureThread(announced, kit.alice.id(), kit.aliceDm));

        gate.open();

        ThreadMapping opened = first.get(PATIENCE_SECONDS, TimeUnit.SECONDS).orElseThrow();
        assertThat(second.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).contains(opened);
        assertThat(kit.chat.postsIn(kit.aliceDm).stream().filter(p -> !p.isReply())).hasSize(1);
    }

    private SessionInfo retitled(ThreadMapping mapping, String title) {
        SessionInfo session = kit.sessions.session(mapping.sessionId()).orElseThrow();
        return new SessionInfo(session.id(), null, title, session.directory(), session.createdAt(),
                session.updatedAt());
    }

    /** Fails with a timeout when the bookkeeping waits for the parked call. */
    private void retitleAndTouchWhileTheCallIsParked(ThreadMapping other) throws Exception {
        kit.clock.advance(Duration.ofMinutes(2));
        background.submit(() -> {
            kit.threads.refresh(retitled(other, "Renamed meanwhile"));
            kit.threads.touch(other.sessionId());
        }).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    private void assertRetitledAndTouchedMeanwhile(ThreadMapping other) {
        ThreadMapping updated = kit.mappings.findBySession(other.sessionId()).orElseThrow();
        assertThat(updated.sessionTitle()).isEqualTo("Renamed meanwhile");
        assertThat(updated.lastActivityAt()).isEqualTo(kit.clock.instant());
    }

    /** Fails with a timeout when the mapping is never saved, as when its saving waits for the parked call. */
    private ThreadMapping awaitMappingOfThread(PostId root) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        Optional<ThreadMapping> found;
        while ((found = kit.mappings.findByThreadRoot(root)).isEmpty()) {
            assertThat(System.nanoTime()).as("mapping of thread " + root + " saved in time").isLessThan(deadline);
            Thread.sleep(5);
        }
        return found.get();
    }

    /** Until the thread is parked on a lock or has finished; a thread that only runs gives way soon. */
    private static void awaitWaitingOrDone(Thread thread) throws InterruptedException {
        Set<Thread.State> settled = Set.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING,
                Thread.State.TERMINATED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!settled.contains(thread.getState())) {
            assertThat(System.nanoTime()).as("thread settled in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
