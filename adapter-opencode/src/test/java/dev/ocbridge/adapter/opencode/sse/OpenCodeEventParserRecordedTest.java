package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.core.domain.LineChanges;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.Todo;
import dev.ocbridge.core.domain.ToolDetails;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.domain.ToolTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser on every stream recorded from a real OpenCode 1.18.33. */
class OpenCodeEventParserRecordedTest {

    static List<Path> captures() {
        return RecordedStreams.all();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyRecordedEventIsReadableAndOfAKnownType(Path capture) {
        String name = capture.getFileName().toString();

        RecordedStreams.Replay replay = RecordedStreams.replay(name);

        EventStats stats = replay.parser().stats();
        assertThat(stats.received()).isEqualTo(RecordedStreams.lines(capture).size());
        assertThat(stats.malformed()).as("malformed events in %s", name).isZero();
        assertThat(stats.unknownTypes()).as("unknown types in %s", name).isEmpty();
    }

    @Test
    void textDeltasOfAPartAddUpToItsFinalText() {
        RecordedStreams.Replay replay = RecordedStreams.replay("02-");

        Map<String, String> streamed = summedDeltas(replay, TextKind.ANSWER);
        List<SessionEvent.TextPartUpdated> finals = replay.events(SessionEvent.TextPartUpdated.class).stream()
                .filter(SessionEvent.TextPartUpdated::complete).toList();

        assertThat(finals).hasSize(1);
        assertThat(finals.get(0).text()).isNotEmpty();
        assertThat(streamed).containsExactly(Map.entry(finals.get(0).partId().value(), finals.get(0).text()));
    }

    @Test
    void theStartOfATextPartIsNotComplete() {
        RecordedStreams.Replay replay = RecordedStreams.replay("02-");

        SessionEvent.TextPartUpdated first = replay.events(SessionEvent.TextPartUpdated.class).get(0);

        assertThat(first.complete()).isFalse();
        assertThat(first.text()).isEmpty();
    }

    @Test
    void thePromptItselfIsNotReportedAsAgentText() {
        RecordedStreams.Replay replay = RecordedStreams.replay("02-");

        assertThat(replay.events(SessionEvent.TextPartUpdated.class))
                .extracting(SessionEvent.TextPartUpdated::text)
                .doesNotContain("hi there");
    }

    @Test
    void aPromptedSessionGoesBusyThenIdleAndItsMessagesFinish() {
        RecordedStreams.Replay replay = RecordedStreams.replay("02-");

        assertThat(replay.events(SessionEvent.SessionCreated.class)).hasSize(1);
        assertThat(replay.events(SessionEvent.SessionStatusChanged.class))
                .extracting(SessionEvent.SessionStatusChanged::status)
                .contains(SessionStatus.busy(), SessionStatus.idle());
        assertThat(replay.events(SessionEvent.SessionIdle.class)).isNotEmpty();
        assertThat(replay.events(SessionEvent.MessageUpdated.class))
                .anySatisfy(updated -> {
                    assertThat(updated.message().finishReason()).isEqualTo("stop");
                    assertThat(updated.message().completedAt()).isNotNull();
                    assertThat(updated.message().tokens().input()).isEqualTo(80);
                });
    }

    @Test
    void reasoningDeltasAreTaggedAsReasoningAndKeptApartFromTheAnswer() {
        RecordedStreams.Replay replay = RecordedStreams.replay("04-");

        Map<String, String> reasoning = summedDeltas(replay, TextKind.REASONING);
        Map<String, String> answer = summedDeltas(replay, TextKind.ANSWER);
        Map<String, String> finals = replay.events(SessionEvent.TextPartUpdated.class).stream()
                .filter(SessionEvent.TextPartUpdated::complete)
                .collect(Collectors.toMap(part -> part.partId().value(), SessionEvent.TextPartUpdated::text));

        assertThat(reasoning).hasSize(1);
        assertThat(answer).hasSize(1);
        assertThat(finals).containsAllEntriesOf(reasoning).containsAllEntriesOf(answer);
        assertThat(reasoning.values()).doesNotContainAnyElementsOf(answer.values());
    }

    @Test
    void aShellToolGoesFromPendingThroughRunningWithGrowingOutputToCompleted() {
        RecordedStreams.Replay replay = RecordedStreams.replay("05-");

        List<SessionEvent.ToolUpdated> updates = replay.events(SessionEvent.ToolUpdated.class);

        assertThat(updates).extracting(update -> update.tool().state())
                .startsWith(ToolState.PENDING).endsWith(ToolState.COMPLETED).contains(ToolState.RUNNING);
        assertThat(updates).extracting(update -> update.tool().output())
                .containsSubsequence("hi\n", "hi\ndone\n");
        SessionEvent.ToolUpdated last = updates.get(updates.size() - 1);
        assertThat(last.tool().tool()).isEqualTo("bash");
        assertThat(last.tool().input()).contains("echo hi");
        assertThat(last.tool().startedAt()).isNotNull();
        assertThat(last.tool().endedAt()).isAfterOrEqualTo(last.tool().startedAt());
    }

    @Test
    void aShellToolNamesItsCommandAndExitCode() {
        SessionEvent.ToolUpdated last = lastToolUpdate(RecordedStreams.replay("05-"), "bash");

        assertThat(last.tool().details().target()).isEqualTo(
                new ToolTarget(ToolTarget.Kind.COMMAND, "echo hi; sleep 2; echo done"));
        assertThat(last.tool().details().exit()).contains(0);
        assertThat(last.tool().details().lineChanges()).isEmpty();
    }

    @Test
    void writeAndEditNameTheirFileAndTheLinesTheyChanged() {
        RecordedStreams.Replay replay = RecordedStreams.replay("16-");

        ToolDetails write = lastToolUpdate(replay, "write").tool().details();
        ToolDetails edit = lastToolUpdate(replay, "edit").tool().details();

        assertThat(write.target()).isEqualTo(new ToolTarget(ToolTarget.Kind.FILE, "/home/dev/projA/hello.txt"));
        assertThat(write.lineChanges()).contains(new LineChanges(2, 0));
        assertThat(edit.target()).isEqualTo(new ToolTarget(ToolTarget.Kind.FILE, "/home/dev/projA/hello.txt"));
        assertThat(edit.lineChanges()).contains(new LineChanges(1, 1));
    }

    @Test
    void aTaskNamesItsDescriptionAndTheChildSessionItRunsIn() {
        RecordedStreams.Replay replay = RecordedStreams.replay("19-");
        SessionId child = replay.events(SessionEvent.SessionCreated.class).stream()
                .filter(created -> !created.session().isRoot()).findFirst().orElseThrow().sessionId();

        List<SessionEvent.ToolUpdated> task = replay.events(SessionEvent.ToolUpdated.class).stream()
                .filter(update -> update.tool().tool().equals("task")).toList();

        assertThat(task.get(0).tool().details().child()).isEmpty();
        assertThat(task.get(task.size() - 1).tool().details().target())
                .isEqualTo(new ToolTarget(ToolTarget.Kind.DESCRIPTION, "Sub task"));
        assertThat(task).filteredOn(update -> update.tool().state() == ToolState.RUNNING)
                .allSatisfy(update -> assertThat(update.tool().details().child()).contains(child));
    }

    @Test
    void anAssistantMessageNamesTheModelThatWroteIt() {
        RecordedStreams.Replay replay = RecordedStreams.replay("02-");

        assertThat(replay.events(SessionEvent.MessageUpdated.class))
                .filteredOn(updated -> updated.message().role() == MessageRole.ASSISTANT)
                .isNotEmpty()
                .allSatisfy(updated -> assertThat(updated.message().writtenBy())
                        .contains(new ModelRef("fake", "fake-model")));
        assertThat(replay.events(SessionEvent.MessageUpdated.class))
                .filteredOn(updated -> updated.message().role() == MessageRole.USER)
                .allSatisfy(updated -> assertThat(updated.message().writtenBy()).isEmpty());
    }

    @Test
    void aPermissionRequestCarriesWhatItIsForAndItsReply() {
        RecordedStreams.Replay replay = RecordedStreams.replay("06-");

        SessionEvent.PermissionAsked asked = replay.events(SessionEvent.PermissionAsked.class).get(0);
        SessionEvent.PermissionReplied replied = replay.events(SessionEvent.PermissionReplied.class).get(0);

        assertThat(asked.request().action()).isEqualTo("bash");
        assertThat(asked.request().resources()).containsExactly("echo hi", "sleep 2", "echo done");
        assertThat(asked.request().alwaysScope()).containsExactly("echo *", "sleep *");
        assertThat(asked.request().details()).containsEntry("command", "echo hi; sleep 2; echo done");
        assertThat(replied.requestId()).isEqualTo(asked.request().id());
        assertThat(replied.reply()).isEqualTo(PermissionReply.ONCE);
    }

    @Test
    void alwaysAndRejectRepliesAreRead() {
        assertThat(RecordedStreams.replay("07-").events(SessionEvent.PermissionReplied.class))
                .extracting(SessionEvent.PermissionReplied::reply).contains(PermissionReply.ALWAYS);
        assertThat(RecordedStreams.replay("08-").events(SessionEvent.PermissionReplied.class))
                .extracting(SessionEvent.PermissionReplied::reply).containsExactly(PermissionReply.REJECT);
    }

    @Test
    void aRejectedToolEndsInErrorWithTheReason() {
        RecordedStreams.Replay replay = RecordedStreams.replay("08-");

        List<SessionEvent.ToolUpdated> updates = replay.events(SessionEvent.ToolUpdated.class);

        SessionEvent.ToolUpdated last = updates.get(updates.size() - 1);
        assertThat(last.tool().state()).isEqualTo(ToolState.ERROR);
        assertThat(last.tool().error()).isEqualTo("The user rejected permission to use this specific tool call.");
        assertThat(last.tool().endedAt()).isNotNull();
    }

    @Test
    void aQuestionCarriesItsOptionsAndTheAnswer() {
        RecordedStreams.Replay replay = RecordedStreams.replay("13-");

        SessionEvent.QuestionAsked asked = replay.events(SessionEvent.QuestionAsked.class).get(0);
        SessionEvent.QuestionReplied replied = replay.events(SessionEvent.QuestionReplied.class).get(0);

        assertThat(asked.request().questions()).hasSize(1);
        assertThat(asked.request().questions().get(0).text()).isEqualTo("Which colour should the button be?");
        assertThat(asked.request().questions().get(0).header()).isEqualTo("Colour");
        assertThat(asked.request().questions().get(0).options()).extracting(option -> option.label())
                .containsExactly("Red", "Blue");
        assertThat(asked.request().questions().get(0).multipleAnswers()).isFalse();
        assertThat(asked.request().questions().get(0).customAnswers()).as("custom answers unless the server says no")
                .isTrue();
        assertThat(replied.requestId()).isEqualTo(asked.request().id());
        assertThat(replied.answers()).containsExactly(List.of("Blue"));
    }

    @Test
    void aRejectedQuestionIsReported() {
        RecordedStreams.Replay replay = RecordedStreams.replay("14-");

        SessionEvent.QuestionAsked asked = replay.events(SessionEvent.QuestionAsked.class).get(0);

        assertThat(replay.events(SessionEvent.QuestionRejected.class))
                .extracting(SessionEvent.QuestionRejected::requestId).containsExactly(asked.request().id());
    }

    @Test
    void theTodoListArrivesWhole() {
        RecordedStreams.Replay replay = RecordedStreams.replay("15-");

        SessionEvent.TodoUpdated todos = replay.events(SessionEvent.TodoUpdated.class).get(0);

        assertThat(todos.todos()).containsExactly(
                new Todo("Write the bridge", "in_progress", "high"),
                new Todo("Test the bridge", "pending", "medium"),
                new Todo("Ship it", "pending", "low"));
    }

    @Test
    void aSubAgentSessionNamesItsParent() {
        RecordedStreams.Replay replay = RecordedStreams.replay("19-");

        assertThat(replay.events(SessionEvent.SessionCreated.class))
                .anySatisfy(created -> {
                    assertThat(created.session().isRoot()).isFalse();
                    assertThat(created.session().title()).contains("subagent");
                });
    }

    @Test
    void anAbortIsASessionErrorThatSaysSo() {
        RecordedStreams.Replay replay = RecordedStreams.replay("20-");

        assertThat(replay.events(SessionEvent.SessionErrored.class))
                .isNotEmpty()
                .allSatisfy(errored -> assertThat(errored.error().isAbort()).isTrue());
        assertThat(replay.events(SessionEvent.MessageUpdated.class))
                .anySatisfy(updated -> assertThat(updated.message().failure()).isPresent());
    }

    @Test
    void anLlmFailureIsASessionErrorWithTheUpstreamMessage() {
        RecordedStreams.Replay replay = RecordedStreams.replay("25-");

        SessionEvent.SessionErrored errored = replay.events(SessionEvent.SessionErrored.class).get(0);

        assertThat(errored.error().name()).isEqualTo("APIError");
        assertThat(errored.error().message()).isEqualTo("fake upstream failure 400");
    }

    @Test
    void retriesAreReportedWithAttemptAndNextTime() {
        RecordedStreams.Replay replay = RecordedStreams.replay("27-");

        List<SessionStatus.Retrying> retries = replay.events(SessionEvent.SessionStatusChanged.class).stream()
                .map(SessionEvent.SessionStatusChanged::status)
                .filter(SessionStatus.Retrying.class::isInstance)
                .map(SessionStatus.Retrying.class::cast)
                .toList();

        assertThat(retries).isNotEmpty();
        assertThat(retries.get(0).attempt()).isEqualTo(1);
        assertThat(retries.get(0).message()).isEqualTo("fake upstream failure 500");
        assertThat(retries.get(0).nextAttemptAt().toEpochMilli()).isEqualTo(1795263649663L);
    }

    @Test
    void aDeletedSessionIsReported() {
        assertThat(RecordedStreams.replay("35-").events(SessionEvent.SessionDeleted.class)).hasSize(1);
    }

    @Test
    void theGlobalStreamNamesTheDirectoryAndItsSyncCopiesAreDropped() {
        RecordedStreams.Replay global = RecordedStreams.replay("global-06-");
        RecordedStreams.Replay local = RecordedStreams.replay("06-");

        assertThat(global.parsed()).filteredOn(event -> !event.events().isEmpty())
                .extracting(ParsedEvent::directory).containsOnly("/home/dev/projB");
        assertThat(global.parser().stats().duplicates()).isPositive();
        assertThat(global.events(SessionEvent.PermissionAsked.class)).hasSize(1);
        assertThat(summedDeltas(global, TextKind.ANSWER)).isEqualTo(summedDeltas(local, TextKind.ANSWER));
    }

    @Test
    void theExperimentalV2StreamIsReadToo() {
        RecordedStreams.Replay replay = RecordedStreams.replay("44-");

        assertThat(replay.events(SessionEvent.SessionCreated.class)).hasSize(1);
        assertThat(replay.parsed()).filteredOn(event -> !event.events().isEmpty())
                .extracting(ParsedEvent::directory).containsOnly("/home/dev/projA");
    }

    @Test
    void heartbeatsProduceNoEvents() {
        RecordedStreams.Replay replay = RecordedStreams.replay("38b-");

        assertThat(replay.events()).isEmpty();
        assertThat(replay.parsed().get(0).isConnected()).isTrue();
    }

    private static SessionEvent.ToolUpdated lastToolUpdate(RecordedStreams.Replay replay, String tool) {
        List<SessionEvent.ToolUpdated> updates = replay.events(SessionEvent.ToolUpdated.class).stream()
                .filter(update -> update.tool().tool().equals(tool)).toList();
        return updates.get(updates.size() - 1);
    }

    private static Map<String, String> summedDeltas(RecordedStreams.Replay replay, TextKind kind) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (SessionEvent.TextDelta delta : replay.events(SessionEvent.TextDelta.class)) {
            if (delta.kind() == kind) {
                sums.merge(delta.partId().value(), delta.delta(), String::concat);
            }
        }
        return sums;
    }
}
