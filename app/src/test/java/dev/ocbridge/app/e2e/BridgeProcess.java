package dev.ocbridge.app.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The bridge as users run it: {@code java -jar} on the shaded jar from a working directory of its own,
 * configured by environment variables, its output kept for assertions (and checked never to contain a secret).
 */
public final class BridgeProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final Thread pump;

    private BridgeProcess(Process process) {
        this.process = process;
        this.pump = new Thread(this::pumpOutput, "bridge-output");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /**
     * The jar started in {@code workingDirectory}, with arguments such as {@code doctor}. Settings of the test
     * JVM's own environment never reach the bridge: every {@code MATTERMOST_} and {@code OPENCODE_} variable is
     * dropped, and so is {@code XDG_CONFIG_HOME}, which would move its state file.
     */
    public static BridgeProcess start(Map<String, String> environment, Path workingDirectory, String... arguments) {
        Path jar = Path.of(System.getProperty("bridge.jar", "target/opencode-mattermost-bridge.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded jar is missing: " + jar + " (run the package phase first)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("MATTERMOST_") || name.startsWith("OPENCODE_")
                || name.equals("XDG_CONFIG_HOME"));
        env.putAll(new HashMap<>(environment));
        try {
            return new BridgeProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    public boolean hasLogged(String text) {
        return output().stream().anyMatch(line -> line.contains(text));
    }

    /**
     * The most memory the bridge's process has held so far ({@code VmHWM} of {@code /proc/<pid>/status}, in
     * kilobytes), where the system tells.
     */
    OptionalLong peakResidentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The operating system's id of the bridge's JVM, for attaching tools and reading its resource use. */
    public long pid() {
        return process.pid();
    }

    /** What a JVM ended by SIGTERM exits with, after its shutdown hooks ran. */
    static final int TERMINATED = 143;

    /** SIGTERM, as systemd or Ctrl-C would stop it; returns the exit code. */
    public int stop() {
        // Process.destroy() would also close our end of its output, losing what it logs while stopping.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    /** SIGKILL, as the OOM killer or a crash would end it: no shutdown hook runs. */
    void kill() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the bridge did not exit");
            }
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                System.err.println("[bridge] " + line);
            }
        } catch (IOException e) {
            System.err.println("[bridge] output closed: " + e.getMessage());
        }
    }
}
