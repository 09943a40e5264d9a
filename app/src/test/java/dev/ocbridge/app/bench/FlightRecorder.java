package dev.ocbridge.app.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Java Flight Recorder for one phase: started in the bridge's JVM with {@code jcmd} (and in the benchmark's own JVM,
 * where the emulator and the fake LLM run, through the JFR API), and dumped to a file when the phase ends.
 * The settings are the JDK's "profile" ones where they matter here, with lower thresholds, so that every wait of a
 * millisecond or more is recorded with its stack, and a thread dump every second.
 */
final class FlightRecorder {
    private static final String NAME = "bench";
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="bench" description="Load benchmark: CPU samples, waits of 1 ms or more, thread dumps">
              <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
              <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">20 ms</setting></event>
              %s
              <event name="jdk.FileForce"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.ThreadDump"><setting name="enabled">true</setting><setting name="period">1 s</setting></event>
              <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.GCHeapSummary"><setting name="enabled">true</setting></event>
              <event name="jdk.CPULoad"><setting name="enabled">true</setting><setting name="period">1 s</setting></event>
              <event name="jdk.ThreadCPULoad"><setting name="enabled">true</setting><setting name="period">1 s</setting></event>
              <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="throttle">150/s</setting></event>
            </configuration>
            """;
    /** Events of a thread held up for a while (besides {@code jdk.FileForce}, recorded however short). */
    static final List<String> WAITS = List.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
            "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileWrite", "jdk.FileRead");

    private final Path settings;

    FlightRecorder(Path directory) {
        StringBuilder waits = new StringBuilder();
        for (String event : WAITS) {
            waits.append("<event name=\"").append(event).append("\"><setting name=\"enabled\">true</setting>")
                    .append("<setting name=\"stackTrace\">true</setting><setting name=\"threshold\">1 ms</setting></event>\n");
        }
        try {
            Files.createDirectories(directory);
            settings = directory.resolve("bench.jfc");
            Files.writeString(settings, SETTINGS.formatted(waits), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording settings", e);
        }
    }

    /** Starts recording in another JVM of this user. */
    void startIn(long pid) {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=" + settings);
    }

    /** Stops the recording started by {@link #startIn} and writes it to {@code file}. */
    void stopIn(long pid, Path file) {
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
    }

    /** Starts recording in this JVM; stop it with {@link Recording#stop()} and write it with {@link Recording#dump}. */
    Recording startHere() {
        try {
            Recording recording = new Recording(Configuration.create(settings));
            recording.setName(NAME);
            recording.start();
            return recording;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start recording in the benchmark's JVM", e);
        }
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd (a JDK, not a JRE, is needed to profile)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
