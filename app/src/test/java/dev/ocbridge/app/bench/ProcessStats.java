package dev.ocbridge.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a process costs, read from Linux's {@code /proc}: CPU time, resident memory now and at its peak, threads.
 * The peak (VmHWM) can be reset, so that it covers one phase of the benchmark only.
 */
final class ProcessStats {
    private final long pid;

    ProcessStats(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** CPU time (user and system) the process has used so far. */
    Duration cpu() {
        return cpuOf(ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone")));
    }

    static Duration cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The largest resident set since the process started or since {@link #resetPeak()}, in kB. */
    long peakRssKb() {
        return statusField("VmHWM").orElse(0);
    }

    long rssKb() {
        return statusField("VmRSS").orElse(0);
    }

    int threads() {
        return (int) statusField("Threads").orElse(0);
    }

    /** Starts a new peak: VmHWM is set to the current resident set (writes 5 to {@code clear_refs}). */
    boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private OptionalLong statusField(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        Optional<String> line = lines.stream().filter(l -> l.startsWith(name + ":")).findFirst();
        return line.map(l -> OptionalLong.of(Long.parseLong(l.substring(name.length() + 1).trim().split("\\s+")[0])))
                .orElse(OptionalLong.empty());
    }

    /** The machine's load average over the last minute, as {@code /proc/loadavg} gives it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Machine-wide counts of connections the kernel refused because a listen queue was full. */
    static long listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).split("\\s+");
                String[] values = lines.get(i + 1).split("\\s+");
                for (int column = 1; column < names.length && column < values.length; column++) {
                    if (names[column].equals("ListenOverflows")) {
                        return Long.parseLong(values[column]);
                    }
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/net/netstat", e);
        }
    }
}
