package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.LineChanges;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.ToolCall;
import dev.ocbridge.core.domain.ToolDetails;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.domain.ToolTarget;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** One tool call on one line, with the facts the recorded streams carry (05, 16, 19, 21). */
class ToolLineTest {
    private static final Instant START = Instant.parse("2026-11-21T12:13:22.647Z");
    private static final ToolLine LINE = new ToolLine("/home/dev/projA");

    @Test
    void aFinishedShellCommandShowsItsCommandTimeAndTheTailOfItsOutput() {
        ToolCall bash = call("bash", ToolState.COMPLETED, command("echo hi; sleep 2; echo done"), "hi\ndone\n",
                Duration.ofMillis(2135));

        assertThat(render(bash, true)).isEqualTo(
                ":white_check_mark: **bash** `echo hi; sleep 2; echo done` · 2.1s\n```\nhi\ndone\n```");
    }

    @Test
    void aRunningShellCommandShowsItsLiveOutputAndForHowLongItRuns() {
        ToolCall bash = call("bash", ToolState.RUNNING, command("make"), "compiling\n", null);

        String line = LINE.render(bash, Optional.empty(), false, START.plusSeconds(12), true);

        assertThat(line).isEqualTo(":hourglass_flowing_sand: **bash** `make` · running 12s\n```\ncompiling\n```");
    }

    @Test
    void onlyTheLastFifteenLinesOfALongOutputAreShown() {
        String output = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        ToolCall bash = call("bash", ToolState.COMPLETED, command("seq 40"), output, Duration.ofMillis(30));

        String line = render(bash, true);

        assertThat(line).contains("…\nline 26\n").endsWith("line 40\n```").doesNotContain("line 25\n");
    }

    @Test
    void theCompactFormLeavesTheOutputOut() {
        ToolCall bash = call("bash", ToolState.COMPLETED, command("echo hi"), "hi\n", Duration.ofMillis(30));

        assertThat(render(bash, false)).isEqualTo(":white_check_mark: **bash** `echo hi` · 30ms");
    }

    @Test
    void aNonZeroExitIsSaid() {
        ToolCall bash = new ToolCall(new PartId("prt_1"), new MessageId("msg_1"), "call_1", "bash",
                ToolState.COMPLETED, "", "", "", "", START, START.plusMillis(40),
                new ToolDetails(command("exit 3"), null, 3, null));

        assertThat(render(bash, false)).isEqualTo(":white_check_mark: **bash** `exit 3` · exit 3 · 40ms");
    }

    @Test
    void anEditShowsItsFileInsideTheProjectRelativeAndTheLinesItChanged() {
        ToolCall edit = new ToolCall(new PartId("prt_1"), new MessageId("msg_1"), "call_1", "edit",
                ToolState.COMPLETED, "", "", "Edit applied successfully.", "", START, START.plusMillis(8),
                new ToolDetails(new ToolTarget(ToolTarget.Kind.FILE, "/home/dev/projA/src/hello.txt"),
                        new LineChanges(1, 1), null, null));

        assertThat(render(edit, true)).isEqualTo(":white_check_mark: **edit** `src/hello.txt` · +1 \u22121 · 8ms");
    }

    @Test
    void aFileOutsideTheProjectKeepsItsWholePath() {
        ToolCall read = call("read", ToolState.COMPLETED, new ToolTarget(ToolTarget.Kind.FILE, "/etc/hosts"), "x",
                Duration.ofMillis(3));

        assertThat(render(read, true)).isEqualTo(":white_check_mark: **read** `/etc/hosts` · 3ms");
    }

    @Test
    void aFailedCallSaysWhy() {
        ToolCall failed = new ToolCall(new PartId("prt_1"), new MessageId("msg_1"), "call_1", "bash",
                ToolState.ERROR, "", "", "", "The user rejected permission to use this specific tool call.", START,
                START.plusMillis(5), new ToolDetails(command("rm -rf build"), null, null, null));

        assertThat(render(failed, true)).isEqualTo(":x: **bash** `rm -rf build` · 5ms · failed: The user rejected "
                + "permission to use this specific tool call\\.");
    }

    @Test
    void aCallStillRunningWhenItsRunEndedShowsStopped() {
        ToolCall bash = call("bash", ToolState.RUNNING, command("sleep 10"), "start\n", null);

        String line = LINE.render(bash, Optional.empty(), true, START.plusSeconds(1), false);

        assertThat(line).isEqualTo(":stop_sign: **bash** `sleep 10` · stopped");
    }

    @Test
    void aTaskShowsItsDescriptionAndItsSubAgentsToolCount() {
        ToolCall task = new ToolCall(new PartId("prt_1"), new MessageId("msg_1"), "call_1", "task",
                ToolState.RUNNING, "Sub task", "", "", "", START, null,
                new ToolDetails(new ToolTarget(ToolTarget.Kind.DESCRIPTION, "Sub task"), null, null,
                        new SessionId("ses_child")));
        RunProgress.SubAgentActivity child = new RunProgress.SubAgentActivity();
        child.toolUpdated(call("read", ToolState.COMPLETED, ToolTarget.NONE, "", Duration.ZERO));
        child.statusChanged(new SessionStatus.Retrying(1, "overloaded", null));

        String line = LINE.render(task, Optional.of(child), false, START, true);

        assertThat(line).isEqualTo(":hourglass_flowing_sand: **task** Sub task · 1 tool · retrying the model call"
                + " · running");
    }

    @Test
    void whatTheAgentWroteCannotFormatMentionOrBreakTheLine() {
        ToolCall bash = call("bash", ToolState.COMPLETED, command("echo `@channel` **now**\necho second"),
                "```\n@all look\n", Duration.ofMillis(1));

        String line = render(bash, true);

        assertThat(line).startsWith(":white_check_mark: **bash** ``echo `@\u200Bchannel` **now** …`` · 1ms\n````\n")
                .contains("@\u200Ball look").endsWith("\n````");
    }

    @Test
    void terminalColoursAndRedrawnLinesAreShownAsATerminalWould() {
        assertThat(ToolLine.tail("\u001B[32mgreen\u001B[0m\n10%\r50%\r100%\n")).isEqualTo("green\n100%");
    }

    private static String render(ToolCall call, boolean withOutput) {
        return LINE.render(call, Optional.empty(), false, START.plusSeconds(60), withOutput);
    }

    private static ToolTarget command(String command) {
        return new ToolTarget(ToolTarget.Kind.COMMAND, command);
    }

    private static ToolCall call(String tool, ToolState state, ToolTarget target, String output, Duration took) {
        return new ToolCall(new PartId("prt_1"), new MessageId("msg_1"), "call_1", tool, state, "", "", output, "",
                START, took == null ? null : START.plus(took), new ToolDetails(target, null, null, null));
    }
}
