package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.progress.ProgressMode;
import dev.ocbridge.core.progress.ProgressSettings;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a thread shows of the runs recorded from a real OpenCode 1.18.33: each capture is read by the parser and
 * handed, event by event, to the core wired to its fakes (edit interval 500 ms), at the pace of the recording where
 * the events say when they were sent and 10 ms apart elsewhere.
 */
class ProgressOnRecordedStreamsTest {
    private CoreTestKit kit;
    private ThreadMapping mapping;

    @Test
    void aShellCommandShowsItsCommandTimeAndOutputAmongTheAnswerAndTheRunItsUsage() {
        replay("05-", ProgressMode.FULL);

        assertThat(replies()).hasSize(1);
        assertThat(replies().get(0))
                .startsWith(":white_check_mark: **bash** `echo hi; sleep 2; echo done` · 2.1s\n```\nhi\ndone\n```\n\n")
                .contains("\n\n:white_check_mark: Done in ")
                .endsWith(" · `fake/fake-model` · 160 in / 30 out tokens (+10 reasoning) · cache 40 read · $0.00026");
    }

    @Test
    void aShellCommandsLiveOutputIsShownWhileItRuns() {
        replay("05-", ProgressMode.FULL);

        assertThat(kit.chat.edits()).anySatisfy(edit -> assertThat(edit)
                .startsWith(":hourglass_flowing_sand: **bash** `echo hi; sleep 2; echo done` · running")
                .contains("```\nhi\n```"));
    }

    @Test
    void theTodoListIsAChecklistAndTheTodoToolHasNoLineOfItsOwn() {
        replay("15-", ProgressMode.FULL);

        assertThat(replies().get(0)).isEqualTo(":clipboard: **Todo** · 0/3 done\n"
                + "- [ ] **Write the bridge** _(in progress)_\n- [ ] Test the bridge\n- [ ] Ship it");
        assertThat(String.join("\n", replies())).doesNotContain("**todowrite**");
    }

    @Test
    void writeAndEditShowTheirFileRelativeToTheProjectAndTheLinesTheyChanged() {
        replay("16-", ProgressMode.FULL);

        assertThat(replies().get(0)).startsWith(":white_check_mark: **write** `hello.txt` · +2 · 22ms\n"
                + ":white_check_mark: **edit** `hello.txt` · +1 \u22121 · 8ms\n\n");
    }

    @Test
    void parallelCallsEachShowAndTheAnswerFollowsBelowTheTodoList() {
        replay("18-", ProgressMode.FULL);

        assertThat(replies()).hasSize(3);
        assertThat(replies().get(0)).isEqualTo(":white_check_mark: **bash** `echo multi` · 36ms\n```\nmulti\n```");
        assertThat(replies().get(1)).isEqualTo(":clipboard: **Todo** · 0/1 done\n- [ ] One");
        assertThat(replies().get(2)).startsWith("Done with multi after 1 tool step(s).");
    }

    @Test
    void aSubAgentShowsAsItsTaskLineInTheParentsThreadAndGetsNoThreadOfItsOwn() {
        replay("19-", ProgressMode.FULL);

        assertThat(replies().get(0)).startsWith(":white_check_mark: **task** Sub task · 0 tools · 593ms\n\n");
        assertThat(kit.mappings.mappings()).hasSize(1);
    }

    @Test
    void aCommandStoppedByAnAbortShowsStoppedAndItsLateUpdateIsNotShown() {
        replay("21-", ProgressMode.FULL);

        assertThat(replies()).containsExactly(
                ":stop_sign: **bash** `echo start; sleep 10; echo never` · stopped\n```\nstart\n```",
                ":stop_sign: Stopped.");
    }

    @Test
    void retriesOfAFailingModelCallShowAsTheyHappenAndTheErrorAtTheEnd() {
        replay("27-", ProgressMode.FULL);

        assertThat(kit.chat.sentTexts()).element(1).asString()
                .startsWith(":repeat: The model call failed (fake upstream failure 500); trying again in");
        assertThat(replies()).containsExactly(
                ":repeat: The model call failed (fake upstream failure 500) (5 retries).",
                ":warning: The agent stopped with an error (APIError): fake upstream failure 500");
    }

    @Test
    void aRunStoppedWhileWaitingToRetryKeepsItsNotice() {
        replay("27b-", ProgressMode.FULL);

        assertThat(replies()).containsExactly(":repeat: The model call failed (fake upstream failure 500) (1 retry).");
    }

    @Test
    void compactModeShowsOneActivityPostAboveTheAnswer() {
        replay("16-", ProgressMode.COMPACT);

        assertThat(replies()).hasSize(2);
        assertThat(replies().get(0)).startsWith(":white_check_mark: **Done** · 2 tools · ")
                .endsWith(":white_check_mark: **write** `hello.txt` · +2 · 22ms\n"
                        + ":white_check_mark: **edit** `hello.txt` · +1 \u22121 · 8ms");
        assertThat(replies().get(1)).startsWith("Done with write after 2 tool step(s).");
    }

    @Test
    void offModeShowsOnlyTheAnswer() {
        replay("05-", ProgressMode.OFF);

        assertThat(replies()).hasSize(1);
        assertThat(replies().get(0)).startsWith("Done with bash").doesNotContain("echo hi; sleep 2").doesNotContain("$");
    }

    private void replay(String capture, ProgressMode mode) {
        kit = CoreTestKit.aliceOwnsTheBot(new ProgressSettings(mode, false));
        RecordedStreams.Replay replay = RecordedStreams.replay(capture);
        SessionInfo root = replay.events(SessionEvent.SessionCreated.class).stream()
                .map(SessionEvent.SessionCreated::session).filter(SessionInfo::isRoot).findFirst().orElseThrow();
        kit.clock.set(root.createdAt());
        for (int i = 0; i < replay.parsed().size(); i++) {
            Instant sentAt = replay.moments().get(i).orElse(kit.clock.instant().plusMillis(10));
            kit.scheduler.advance(sentAt.isAfter(kit.clock.instant())
                    ? Duration.between(kit.clock.instant(), sentAt) : Duration.ZERO);
            replay.parsed().get(i).events().forEach(kit::agentReports);
        }
        kit.scheduler.advance(Duration.ofSeconds(10));
        mapping = kit.mappings.findBySession(root.id()).orElseThrow();
    }

    private List<String> replies() {
        List<ChatPost> thread = kit.chat.thread(mapping.thread().root());
        return thread.subList(1, thread.size()).stream().map(ChatPost::message).toList();
    }
}
