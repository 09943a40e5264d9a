package dev.ocbridge.adapter.opencode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An isolated HOME for one {@code opencode serve}, taken from a pool under the cache directory.
 *
 * <p>Why a pool: the global config in a HOME names one fake LLM, so two running servers cannot share a
 * HOME; and OpenCode npm-installs packages into its HOME on first use, so a HOME is worth reusing across
 * runs. A file lock per HOME keeps concurrent test JVMs (ours and other modules') apart; it is released
 * on {@link #close()} or when the JVM dies. Acquiring wipes the data directories (sessions, logs) and
 * writes the config, so every server starts empty.
 */
public final class OpenCodeTestHome implements AutoCloseable {

    /** Variables that would reach around the HOME isolation; a child's environment must not have them. */
    public static final List<String> LEAKING_VARIABLES = List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME",
            "XDG_STATE_HOME", "XDG_CACHE_HOME", "OPENCODE_CONFIG", "OPENCODE_CONFIG_CONTENT", "OPENCODE_CONFIG_DIR",
            "OPENCODE_SERVER_PASSWORD", "OPENCODE_SERVER_USERNAME");

    private static final int SLOTS = 64;

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private OpenCodeTestHome(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** A free HOME from the pool of the installation's cache directory, configured for the fake LLM. */
    public static OpenCodeTestHome acquire(OpenCodeInstallation installation, FakeLlm llm) {
        Path homes = installation.cacheDir().resolve("homes");
        for (int slot = 0; slot < SLOTS; slot++) {
            Optional<OpenCodeTestHome> home = tryLock(homes.resolve("home-" + slot));
            if (home.isPresent()) {
                home.get().prepare(llm);
                return home.get();
            }
        }
        throw new IllegalStateException("all " + SLOTS + " test HOMEs under " + homes + " are in use");
    }

    public Path path() {
        return path;
    }

    /**
     * What a child {@code opencode} needs in its environment besides the inherited one: this HOME and
     * the switches that keep it offline-friendly. Remove {@link #LEAKING_VARIABLES} as well.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", path.toString());
        env.put("OPENCODE_DISABLE_MODELS_FETCH", "1");
        env.put("OPENCODE_DISABLE_AUTOUPDATE", "1");
        env.put("OPENCODE_DISABLE_LSP_DOWNLOAD", "1");
        return env;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of " + path, e);
        }
    }

    private static Optional<OpenCodeTestHome> tryLock(Path home) {
        FileChannel channel = null;
        try {
            Files.createDirectories(home.getParent());
            channel = FileChannel.open(home.resolveSibling(home.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new OpenCodeTestHome(home, channel, lock));
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("cannot lock the test HOME " + home, e);
        }
    }

    private void prepare(FakeLlm llm) {
        try {
            OpenCodeInstallation.deleteRecursively(path.resolve(".local/share/opencode"));
            OpenCodeInstallation.deleteRecursively(path.resolve(".local/state/opencode"));
            Path config = path.resolve(".config/opencode/opencode.json");
            Files.createDirectories(config.getParent());
            Files.writeString(config, globalConfig(llm.baseUrl()));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot prepare the test HOME " + path, e);
        }
    }

    /** The global config of reference §1: providers {@code fake} and {@code other}, both the fake LLM. */
    static String globalConfig(String llmBaseUrl) {
        return """
                {
                  "$schema": "https://opencode.ai/config.json",
                  "provider": {
                    "fake": {
                      "npm": "@ai-sdk/openai-compatible",
                      "name": "Fake",
                      "options": { "baseURL": "%1$s", "apiKey": "x" },
                      "models": {
                        "fake-model": { "name": "Fake Model",
                          "cost": { "input": 1, "output": 2, "cache_read": 0.5, "cache_write": 0 },
                          "limit": { "context": 100000, "output": 4096 } },
                        "fake-model-2": { "name": "Fake Model 2", "attachment": true,
                          "modalities": { "input": ["text", "image", "pdf"], "output": ["text"] },
                          "limit": { "context": 100000, "output": 4096 } }
                      }
                    },
                    "other": {
                      "npm": "@ai-sdk/openai-compatible", "name": "Other Fake",
                      "options": { "baseURL": "%1$s", "apiKey": "y" },
                      "models": { "other-model": { "name": "Other Model" } }
                    }
                  },
                  "model": "fake/fake-model",
                  "small_model": "fake/fake-model",
                  "autoupdate": false,
                  "share": "disabled"
                }
                """.formatted(llmBaseUrl);
    }
}
