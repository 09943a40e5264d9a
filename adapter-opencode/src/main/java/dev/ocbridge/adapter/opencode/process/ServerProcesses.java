package dev.ocbridge.adapter.opencode.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Telling our servers from anyone else's processes, and stopping one with everything it started. */
final class ServerProcesses {
    /** The variable by which a server started by a supervisor carries its mark. */
    static final String MARK_VARIABLE = "OCBRIDGE_SUPERVISED_SERVER";
    private static final Duration GRACE = Duration.ofSeconds(5);

    private ServerProcesses() {
    }

    /**
     * The recorded server, if it still runs and is provably the one recorded: same start time (a pid is reused by
     * the system), and where the system shows a process's environment (Linux), the same mark in it.
     */
    static Optional<ProcessHandle> stillRunning(RecordedServer recorded) {
        return ProcessHandle.of(recorded.pid())
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().map(recorded.startedAt()::equals).orElse(false))
                .filter(process -> carriesMark(process, recorded.mark()));
    }

    static Instant startOf(ProcessHandle process) {
        return process.info().startInstant().orElseThrow(
                () -> new IllegalStateException("the system does not say when process " + process.pid() + " started"));
    }

    /** Without a readable process environment (not Linux), a server's command line is the best there is. */
    private static boolean carriesMark(ProcessHandle process, String mark) {
        if (!Files.exists(Path.of("/proc/self/environ"))) {
            return process.info().commandLine().map(line -> line.contains(" serve ")).orElse(false);
        }
        Path environ = Path.of("/proc", Long.toString(process.pid()), "environ");
        try {
            List<String> variables = Arrays.asList(
                    new String(Files.readAllBytes(environ), StandardCharsets.UTF_8).split("\0"));
            return variables.contains(MARK_VARIABLE + "=" + mark);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * SIGTERM, then SIGKILL after a grace period; then whatever it started (shells, language servers the agent
     * ran), which must not outlive it. Returns whether the process is gone.
     */
    static boolean stop(ProcessHandle process) {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        boolean gone = awaitExit(process, GRACE);
        if (!gone) {
            process.destroyForcibly();
            gone = awaitExit(process, GRACE);
        }
        List<ProcessHandle> left = started.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        left.forEach(child -> awaitExit(child, GRACE));
        return gone;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
