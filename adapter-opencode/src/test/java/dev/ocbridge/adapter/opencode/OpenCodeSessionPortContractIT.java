package dev.ocbridge.adapter.opencode;

import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.testing.SessionPortContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The port contract the core's fake also passes, against the real server. */
class OpenCodeSessionPortContractIT extends SessionPortContract {

    @TempDir
    static Path temp;

    static LiveAdapter live;

    @BeforeAll
    static void startServer() throws IOException {
        live = LiveAdapter.start(Files.createDirectories(temp.resolve("project")).toRealPath());
    }

    @AfterAll
    static void stopServer() {
        if (live != null) {
            live.close();
        }
    }

    @Override
    protected SessionPort sessions() {
        return live.sessions();
    }

    @Override
    protected String directory() {
        return live.directory();
    }
}
