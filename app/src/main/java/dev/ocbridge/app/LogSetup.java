package dev.ocbridge.app;

import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.config.Secret;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Logs go to stderr through SLF4J; {@code System.Logger} (core) and java.util.logging (libraries) are
 * routed there too. Stderr itself is wrapped so that the configured secrets are masked in any output.
 */
final class LogSetup {
    private LogSetup() {
    }

    static void configure(BridgeConfig config) {
        System.setErr(new PrintStream(new RedactingOutputStream(System.err, secretsOf(config)), true,
                StandardCharsets.UTF_8));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // Debug and trace are for the bridge's own code; libraries and the JDK stay at info.
        boolean quieter = config.logLevel().equals("error") || config.logLevel().equals("warn");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", quieter ? config.logLevel() : "info");
        System.setProperty("org.slf4j.simpleLogger.log.dev.ocbridge", config.logLevel());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.log.org.glassfish.tyrus", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.okhttp3", "warn");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** The secrets as they may appear on the wire: plain, and the OpenCode basic-auth credentials. */
    static List<String> secretsOf(BridgeConfig config) {
        List<String> secrets = new ArrayList<>();
        secrets.add(config.mattermostToken().value());
        config.openCodePassword().map(Secret::value).ifPresent(password -> {
            secrets.add(password);
            secrets.add(Base64.getEncoder().encodeToString(("opencode:" + password).getBytes(StandardCharsets.UTF_8)));
        });
        return secrets;
    }
}
