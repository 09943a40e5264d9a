package dev.ocbridge.adapter.opencode.process;

import dev.ocbridge.core.error.UnavailableException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one start of {@code opencode serve} prints: every line goes to our log, the password masked; the line
 * {@code opencode server listening on http://127.0.0.1:PORT} says where it really listens.
 */
final class ServerOutput {
    private static final System.Logger LOG = System.getLogger(ServerOutput.class.getName());
    private static final Pattern LISTENING = Pattern.compile("opencode server listening on (https?://\\S+)");

    private final String password;
    private final CompletableFuture<URI> listening = new CompletableFuture<>();
    private volatile String lastLine = "";

    ServerOutput(String password) {
        this.password = password;
    }

    /** Runs until the output ends (the server and its shell exited). */
    void read(InputStream output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    listening.complete(URI.create(matcher.group(1)));
                }
                String shown = line.replace(password, "****");
                lastLine = shown;
                LOG.log(System.Logger.Level.INFO, "[opencode] {0}", shown);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "output of opencode serve ended: {0}", e.toString());
        }
    }

    /** The address from the "listening on" line, waited for while the server runs and the deadline is ahead. */
    URI awaitListening(Process server, Instant deadline, Clock clock) {
        while (clock.instant().isBefore(deadline)) {
            try {
                return listening.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!server.isAlive()) {
                    throw new UnavailableException("opencode serve exited with code " + server.exitValue()
                            + " while starting: " + lastLine);
                }
            } catch (ExecutionException e) {
                throw new UnavailableException("reading the output of opencode serve failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("interrupted while opencode serve was starting");
            }
        }
        throw new UnavailableException("opencode serve did not say where it listens within the startup timeout");
    }
}
