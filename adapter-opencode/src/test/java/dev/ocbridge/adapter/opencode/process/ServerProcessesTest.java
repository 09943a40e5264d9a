package dev.ocbridge.adapter.opencode.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A process named in the pid file counts as ours only when it is provably the recorded one. */
class ServerProcessesTest {
    private final Bystanders processes = new Bystanders();

    @TempDir
    Path temp;

    @AfterEach
    void stopAll() {
        processes.close();
    }

    @Test
    void theRecordedProcessWithItsStartTimeAndMarkIsOurs() throws IOException {
        Process server = running(Map.of(ServerProcesses.MARK_VARIABLE, "m1"));

        assertThat(ServerProcesses.stillRunning(recorded(server, "m1"))).isPresent();
    }

    @Test
    void aProcessWithoutTheRecordedMarkIsNotOurs() throws IOException {
        Process stranger = running(Map.of(ServerProcesses.MARK_VARIABLE, "someone-elses"));
        Process unmarked = running(Map.of());

        assertThat(ServerProcesses.stillRunning(recorded(stranger, "m1"))).isEmpty();
        assertThat(ServerProcesses.stillRunning(recorded(unmarked, "m1"))).isEmpty();
    }

    @Test
    void aProcessThatStartedAtAnotherTimeHasOnlyReusedThePid() throws IOException {
        Process reused = running(Map.of(ServerProcesses.MARK_VARIABLE, "m1"));

        assertThat(ServerProcesses.stillRunning(new RecordedServer(reused.pid(), Instant.EPOCH, "m1"))).isEmpty();
    }

    @Test
    void aProcessThatEndedIsNobodys() throws Exception {
        Process ended = running(Map.of(ServerProcesses.MARK_VARIABLE, "m1"));
        RecordedServer record = recorded(ended, "m1");
        ended.destroyForcibly().waitFor();

        assertThat(ServerProcesses.stillRunning(record)).isEmpty();
    }

    @Test
    void stoppingEndsTheProcessAndWhatItStarted() throws Exception {
        Process parent = new ProcessBuilder("/bin/sh", "-c", "sleep 600 & wait").start();
        ProcessHandle child = awaitChild(parent);

        assertThat(ServerProcesses.stop(parent.toHandle())).isTrue();

        assertThat(parent.isAlive()).isFalse();
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void thePidFileKeepsTheRecordAndAnUnreadableOneIsNone() throws IOException {
        PidFile file = new PidFile(temp.resolve("state.json.opencode.pid"));
        RecordedServer record = new RecordedServer(1234, Instant.parse("2026-11-21T10:00:00.120Z"), "abc");

        file.write(record);
        assertThat(file.read()).contains(record);

        Files.writeString(file.path(), "pid=nonsense\n");
        assertThat(file.read()).isEmpty();
        file.delete();
        assertThat(file.read()).isEmpty();
    }

    private Process running(Map<String, String> variables) throws IOException {
        return processes.start(variables);
    }

    private static RecordedServer recorded(Process process, String mark) {
        return new RecordedServer(process.pid(), ServerProcesses.startOf(process.toHandle()), mark);
    }

    private static ProcessHandle awaitChild(Process parent) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            var child = parent.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the shell started no child");
    }
}
