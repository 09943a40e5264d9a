package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.MappingStatus;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadLifecycleTest {
    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();

    @Test
    void aNewRootSessionGetsAThreadInTheOwnersDm() {
        SessionInfo session = kit.sessions.addSession("Fix login", "/home/dev/projA", null);

        kit.agentReports(new SessionEvent.SessionCreated(session));

        List<ChatPost> posts = kit.chat.postsIn(kit.aliceDm);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).message())
                .contains("Fix login", "projA", "/home/dev/projA", session.shortId(), "2026-11-21 10:00 UTC",
                        "Reply in this thread");
        ThreadMapping mapping = kit.mappings.findBySession(session.id()).orElseThrow();
        assertThat(mapping.thread().root()).isEqualTo(posts.get(0).id());
        assertThat(mapping.userId()).isEqualTo(kit.alice.id());
        assertThat(mapping.status()).isEqualTo(MappingStatus.ACTIVE);
    }

    @Test
    void aThreadThatCouldNotBeOpenedWhileChatWasAwayIsOpenedOnceItIsBack() {
        SessionInfo session = kit.sessions.addSession("Started in the TUI", "/home/dev/projA", null);
        kit.chat.failNextWrites(2);

        kit.agentReports(new SessionEvent.SessionCreated(session));
        assertThat(kit.chat.postsIn(kit.aliceDm)).isEmpty();
        kit.scheduler.advance(Duration.ofSeconds(3));

        assertThat(kit.chat.postsIn(kit.aliceDm)).singleElement()
                .satisfies(root -> assertThat(root.message()).contains("Started in the TUI"));
        assertThat(kit.mappings.findBySession(session.id())).isPresent();
        assertThat(kit.scheduler.pendingTasks()).isZero();
    }

    @Test
    void whenTheMappingCannotBeSavedTheNewRootPostIsRemovedAndALaterEventOpensTheThread() {
        SessionInfo session = kit.sessions.addSession("Unlucky", "/home/dev/projA", null);
        kit.mappings.failNextSaves(1);

        kit.agentReports(new SessionEvent.SessionCreated(session));

        assertThat(kit.chat.postsIn(kit.aliceDm)).isEmpty();
        assertThat(kit.mappings.findBySession(session.id())).isEmpty();

        kit.agentReports(new SessionEvent.SessionUpdated(session));

        List<ChatPost> posts = kit.chat.postsIn(kit.aliceDm);
        assertThat(posts).hasSize(1);
        assertThat(kit.mappings.findBySession(session.id()).orElseThrow().thread().root()).isEqualTo(posts.get(0).id());
    }

    @Test
    void whenTheStateFileCannotBeWrittenTheThreadIsOpenedOnceAndKeptThroughLaterUpdates() {
        SessionInfo session = kit.sessions.addSession("Disk full", "/home/dev/projA", null);
        kit.mappings.failWrites(true);
        kit.agentReports(new SessionEvent.SessionCreated(session));
        List<ChatPost> opened = kit.chat.postsIn(kit.aliceDm);

        kit.agentReports(new SessionEvent.SessionUpdated(session));
        kit.agentReports(new SessionEvent.SessionUpdated(session));

        assertThat(opened).hasSize(1);
        assertThat(kit.chat.postsIn(kit.aliceDm)).isEqualTo(opened);
        assertThat(kit.mappings.findBySession(session.id()).orElseThrow().thread().root())
                .isEqualTo(opened.get(0).id());
        assertThat(kit.mappings.unwrittenChanges()).isPositive();
    }

    @Test
    void aChildSessionNeverGetsItsOwnThread() {
        SessionInfo parent = kit.sessions.addSession("Parent", "/home/dev/projA", null);
        SessionInfo child = kit.sessions.addSession("Sub task", "/home/dev/projA", parent.id());

        kit.agentReports(new SessionEvent.SessionCreated(child));

        assertThat(kit.chat.postsIn(kit.aliceDm)).isEmpty();
        assertThat(kit.mappings.findBySession(child.id())).isEmpty();
    }

    @Test
    void repeatedEventsForOneSessionOpenExactlyOneThread() {
        SessionInfo session = kit.sessions.addSession("Once", "/home/dev/projA", null);

        kit.agentReports(new SessionEvent.SessionCreated(session));
        kit.agentReports(new SessionEvent.SessionUpdated(session));
        kit.reconciler.reconcile();

        assertThat(kit.chat.postsIn(kit.aliceDm)).hasSize(1);
    }

    @Test
    void aNewTitleIsRecordedInTheMapping() {
        SessionInfo session = kit.sessions.addSession("New session - 2026", "/home/dev/projA", null);
        kit.agentReports(new SessionEvent.SessionCreated(session));

        kit.agentReports(new SessionEvent.SessionUpdated(new SessionInfo(session.id(), null, "Better title",
                session.directory(), session.createdAt(), session.updatedAt())));

        assertThat(kit.mappings.findBySession(session.id()).orElseThrow().sessionTitle()).isEqualTo("Better title");
    }

    @Test
    void activityTheServerReportsIsRecordedOnceItMovedAMinute() {
        SessionInfo session = kit.sessions.addSession("Busy", "/home/dev/projA", null);
        kit.agentReports(new SessionEvent.SessionCreated(session));
        kit.clock.advance(Duration.ofMinutes(1));

        kit.agentReports(new SessionEvent.SessionUpdated(kit.sessions.usedElsewhere(session.id())));

        assertThat(kit.mappings.findBySession(session.id()).orElseThrow().lastActivityAt())
                .isEqualTo(kit.clock.instant());
    }

    @Test
    void activityWithinAMinuteOfTheLastRecordedIsNotWritten() {
        SessionInfo session = kit.sessions.addSession("Busy", "/home/dev/projA", null);
        kit.agentReports(new SessionEvent.SessionCreated(session));
        int savesBefore = kit.mappings.saves();
        kit.clock.advance(Duration.ofSeconds(59));

        kit.agentReports(new SessionEvent.SessionUpdated(kit.sessions.usedElsewhere(session.id())));

        assertThat(kit.mappings.saves()).isEqualTo(savesBefore);
    }

    @Test
    void aDeletedSessionEndsItsThreadWithItsDuration() {
        SessionInfo session = kit.sessions.addSession("Short job", "/home/dev/projA", null);
        kit.agentReports(new SessionEvent.SessionCreated(session));
        kit.clock.advance(Duration.ofMinutes(3).plusSeconds(7));

        kit.agentReports(new SessionEvent.SessionDeleted(session));

        ThreadMapping mapping = kit.mappings.findBySession(session.id()).orElseThrow();
        assertThat(mapping.status()).isEqualTo(MappingStatus.ENDED);
        assertThat(mapping.endedAt()).isEqualTo(kit.clock.instant());
        List<ChatPost> thread = kit.chat.thread(mapping.thread().root());
        assertThat(thread).hasSize(2);
        assertThat(thread.get(1).message()).contains("Session ended", "3m 7s");
    }

    @Test
    void aSessionAdoptedAfterItStartedEndsWithTheDurationSinceItsStart() {
        SessionInfo session = kit.sessions.addSession("Started before the bridge saw it", "/home/dev/projA", null);
        kit.clock.advance(Duration.ofMinutes(20));
        kit.agentReports(new SessionEvent.SessionUpdated(kit.sessions.usedElsewhere(session.id())));
        kit.clock.advance(Duration.ofMinutes(3));

        kit.agentReports(new SessionEvent.SessionDeleted(session));

        List<ChatPost> thread = kit.chat.thread(kit.mappings.findBySession(session.id()).orElseThrow().thread().root());
        assertThat(thread.get(thread.size() - 1).message()).contains("Session ended", "ran for 23m 0s");
    }

    @Test
    void aSecondDeleteEventDoesNotPostTwice() {
        SessionInfo session = kit.sessions.addSession("Job", "/home/dev/projA", null);
        kit.agentReports(new SessionEvent.SessionCreated(session));

        kit.agentReports(new SessionEvent.SessionDeleted(session));
        kit.agentReports(new SessionEvent.SessionDeleted(session));

        assertThat(kit.chat.postsIn(kit.aliceDm)).hasSize(2);
    }

    @Test
    void atStartMappedSessionsAreReattachedWithoutANewPost() {
        SessionInfo session = kit.sessions.addSession("Known", "/home/dev/projA", null);
        kit.reconciler.reconcile();
        int postsBefore = kit.chat.postsIn(kit.aliceDm).size();

        kit.reconciler.reconcile();

        assertThat(kit.chat.postsIn(kit.aliceDm)).hasSize(postsBefore);
        assertThat(kit.mappings.findBySession(session.id())).isPresent();
    }

    @Test
    void atStartOnlyRecentlyActiveSessionsWithoutAThreadGetOne() {
        SessionInfo old = kit.sessions.addSession("Last week", "/home/dev/projA", null);
        kit.clock.advance(Duration.ofHours(3));
        SessionInfo recent = kit.sessions.addSession("This morning", "/home/dev/projA", null);
        kit.clock.advance(Duration.ofMinutes(20));

        kit.reconciler.reconcile();

        assertThat(kit.mappings.findBySession(recent.id())).isPresent();
        assertThat(kit.mappings.findBySession(old.id())).isEmpty();
        assertThat(kit.chat.postsIn(kit.aliceDm)).hasSize(1);
    }

    @Test
    void atStartRecentSessionsOfEveryProjectGetAThread() {
        SessionInfo here = kit.sessions.addSession("Here", "/home/dev/projA", null);
        SessionInfo elsewhere = kit.sessions.addSession("Elsewhere", "/srv/other-project", null);

        kit.reconciler.reconcile();

        assertThat(kit.mappings.findBySession(here.id())).isPresent();
        assertThat(kit.mappings.findBySession(elsewhere.id()).orElseThrow().directory())
                .isEqualTo("/srv/other-project");
        assertThat(kit.chat.postsIn(kit.aliceDm)).hasSize(2);
    }

    @Test
    void atStartTheNewestRecentSessionsGetAThreadUpToTheBound() {
        List<SessionInfo> created = new ArrayList<>();
        for (int i = 0; i <= SessionReconciler.MOST_ADOPTED; i++) {
            created.add(kit.sessions.addSession("Scripted " + i, "/srv/batch", null));
            kit.clock.advance(Duration.ofSeconds(1));
        }

        kit.reconciler.reconcile();

        assertThat(kit.mappings.mappings()).hasSize(SessionReconciler.MOST_ADOPTED);
        assertThat(kit.mappings.findBySession(created.get(0).id())).isEmpty();
        assertThat(kit.mappings.findBySession(created.get(created.size() - 1).id())).isPresent();
    }

    @Test
    void aThreadOfAnotherProjectsSessionStaysOpenAfterItLeftTheAdoptWindowAndEndsWhenItVanishes() {
        SessionInfo elsewhere = kit.sessions.addSession("Elsewhere", "/srv/other-project", null);
        kit.reconciler.reconcile();
        kit.clock.advance(Duration.ofHours(5));

        kit.reconciler.reconcile();
        assertThat(kit.mappings.findBySession(elsewhere.id()).orElseThrow().isActive()).isTrue();

        kit.sessions.removeSession(elsewhere.id());
        kit.reconciler.reconcile();
        assertThat(kit.mappings.findBySession(elsewhere.id()).orElseThrow().isActive()).isFalse();
    }

    @Test
    void atStartASessionThatVanishedEndsItsThread() {
        SessionInfo session = kit.sessions.addSession("Gone", "/home/dev/projA", null);
        kit.reconciler.reconcile();
        kit.sessions.removeSession(session.id());

        kit.reconciler.reconcile();

        assertThat(kit.mappings.findBySession(session.id()).orElseThrow().isActive()).isFalse();
    }

    @Test
    void withoutAnOwnerSessionsStartedElsewhereGetNoThread() {
        CoreTestKit ownerless = CoreTestKit.noOwner();
        SessionInfo session = ownerless.sessions.addSession("Nobody's", "/home/dev/projA", null);

        ownerless.agentReports(new SessionEvent.SessionCreated(session));
        ownerless.reconciler.reconcile();

        assertThat(ownerless.mappings.mappings()).isEmpty();
    }
}
