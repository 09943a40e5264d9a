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
    static Path another;

    @BeforeAll
    static void startServer() throws IOException {
        live = LiveAdapter.start(Files.createDirectories(temp.resolve("project")).toRealPath());
        another = Files.createDirectories(temp.resolve("another-project")).toRealPath();
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

    @Override
    protected String anotherDirectory() {
        return another.toString();
    }

    @Override
    protected String missingDirectory() {
        return temp.resolve("never-created").toString();
    }

    /** The server's times are milliseconds; a few of them apart tell two sessions apart. */
    @Override
    protected void letTimePass() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
