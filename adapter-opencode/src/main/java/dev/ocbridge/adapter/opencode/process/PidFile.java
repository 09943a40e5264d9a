package dev.ocbridge.adapter.opencode.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The record of the running server, next to the bridge's state file. Only the bridge that holds the state file
 * writes it, so a record found at start names a server a bridge before this one left behind, or nothing.
 */
final class PidFile {
    private static final System.Logger LOG = System.getLogger(PidFile.class.getName());

    private final Path path;

    PidFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Empty when there is no record; an unreadable one is reported and treated as none. */
    Optional<RecordedServer> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            Map<String, String> fields = new HashMap<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    fields.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
            return Optional.of(new RecordedServer(Long.parseLong(fields.get("pid")),
                    Instant.parse(fields.get("started")), fields.get("mark")));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring the unreadable pid file {0}: {1}", path, e.toString());
            return Optional.empty();
        }
    }

    /** Written to a temporary file and moved into place, so that a crash leaves the old record or the new one. */
    void write(RecordedServer server) {
        String text = "pid=" + server.pid() + "\nstarted=" + server.startedAt() + "\nmark=" + server.mark() + "\n";
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not record the server in {0} ({1}); if the bridge dies, "
                    + "stop opencode serve (pid {2}) by hand", path, e.toString(), Long.toString(server.pid()));
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not delete the pid file {0}: {1}", path, e.toString());
        }
    }
}
