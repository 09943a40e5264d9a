package dev.ocbridge.adapter.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another JVM on the test classpath, running {@link LockProbe} against a state file. */
record SecondProcess(int exitCode, String stderr) {

    static SecondProcess tryToOpen(Path stateFile) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), stateFile.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        // Generous: the machine is shared and a JVM start may be slow; normally this takes well under a second.
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the second JVM did not finish within 60 s");
        }
        return new SecondProcess(process.exitValue(),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
