package dev.ocbridge.adapter.opencode.testing;

import java.nio.file.Path;

/**
 * A fake LLM and a real {@code opencode serve} using it, started together and closed together: what a
 * test class needs before it can talk to OpenCode.
 */
public final class OpenCodeTestEnvironment implements AutoCloseable {

    private final FakeLlm llm;
    private final OpenCodeTestServer server;

    private OpenCodeTestEnvironment(FakeLlm llm, OpenCodeTestServer server) {
        this.llm = llm;
        this.server = server;
    }

    /** An unsecured server whose working directory (default project) is {@code project}. */
    public static OpenCodeTestEnvironment start(Path project) {
        return start(project, null);
    }

    /** A server that requires HTTP basic auth with {@code password}, or none when null. */
    public static OpenCodeTestEnvironment start(Path project, String password) {
        FakeLlm llm = FakeLlm.start();
        try {
            return new OpenCodeTestEnvironment(llm, OpenCodeTestServer.builder(llm, project).password(password).start());
        } catch (RuntimeException e) {
            llm.close();
            throw e;
        }
    }

    public FakeLlm llm() {
        return llm;
    }

    public OpenCodeTestServer server() {
        return server;
    }

    /** The server's working directory as a string, as sessions report it. */
    public String directory() {
        return server.directory().toString();
    }

    @Override
    public void close() {
        server.close();
        llm.close();
    }
}
