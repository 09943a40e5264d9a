package dev.ocbridge.adapter.opencode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The pinned {@code opencode-ai} npm package, installed into a cache shared by every test JVM on the
 * machine. A file lock keeps parallel builds from installing twice.
 */
public final class OpenCodeInstallation {

    public static final String DEFAULT_VERSION = "1.18.33";

    private static final System.Logger LOG = System.getLogger(OpenCodeInstallation.class.getName());

    private final String version;
    private final Path cacheDir;

    public OpenCodeInstallation(String version, Path cacheDir) {
        this.version = version;
        this.cacheDir = cacheDir;
    }

    /** Version and cache from the {@code opencode.version} and {@code opencode.cache.dir} system properties. */
    public static OpenCodeInstallation fromSystemProperties() {
        String version = System.getProperty("opencode.version", DEFAULT_VERSION);
        String cache = System.getProperty("opencode.cache.dir");
        Path cacheDir = cache == null || cache.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "opencode-mattermost-bridge")
                : Path.of(cache);
        return new OpenCodeInstallation(version, cacheDir);
    }

    public String version() {
        return version;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** The {@code opencode} binary of this version, installed first if needed. */
    public Path binary() {
        Path prefix = cacheDir.resolve("opencode-ai-" + version);
        Path binary = prefix.resolve("node_modules").resolve(".bin").resolve("opencode");
        // Threads of one JVM cannot share a FileLock, so they queue on the class first.
        synchronized (OpenCodeInstallation.class) {
            try {
                Files.createDirectories(cacheDir);
                try (FileChannel channel = FileChannel.open(cacheDir.resolve("opencode-ai-" + version + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    if (Files.isExecutable(binary) && version.equals(versionOf(binary))) {
                        return binary;
                    }
                    install(prefix);
                    String installed = versionOf(binary);
                    if (!version.equals(installed)) {
                        throw new IllegalStateException("installed opencode " + binary + " reports version '"
                                + installed + "', expected " + version);
                    }
                    return binary;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot install opencode-ai@" + version + " into " + prefix, e);
            }
        }
    }

    private void install(Path prefix) throws IOException {
        deleteRecursively(prefix);
        Files.createDirectories(prefix);
        LOG.log(System.Logger.Level.INFO, "installing opencode-ai@{0} into {1}", version, prefix);
        List<String> command = List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
                "--prefix", prefix.toString(), "opencode-ai@" + version);
        Result result = run(command, prefix, 300);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("npm install of opencode-ai@" + version + " failed with exit code "
                    + result.exitCode() + ":\n" + result.output());
        }
    }

    /** Older releases log errors (a failed models.dev fetch offline) beside the version: only the version counts. */
    private static String versionOf(Path binary) throws IOException {
        Result result = run(List.of(binary.toString(), "--version"), binary.getParent(), 60);
        if (result.exitCode() != 0) {
            return "exit code " + result.exitCode();
        }
        return result.output().lines().map(String::strip).filter(line -> line.matches("\\d+\\.\\d+\\.\\d+\\S*"))
                .reduce((first, last) -> last).orElse(result.output().strip());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path workingDirectory, long timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        try (InputStream out = process.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
