package dev.ocbridge.adapter.opencode.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Long-running processes that are not servers, for telling ours from anyone else's; ended by {@link #close()}. */
final class Bystanders implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    /** A process sleeping for ten minutes with the given variables in its environment. */
    Process start(Map<String, String> variables) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sleep", "600");
        builder.environment().putAll(variables);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
    }
}
