package dev.ocbridge.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.config.LogFormat;
import dev.ocbridge.app.config.Secret;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Logs go to stderr through SLF4J and Logback, as text lines or as one JSON object per line;
 * {@code System.Logger} (core, adapters, JDK) and java.util.logging (libraries) are routed there too. Stderr
 * itself is wrapped so that the configured secrets are masked in any output, in either format.
 */
final class LogSetup {
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [%thread] %-5level %logger{0} - %msg%n";
    private static final String IGNORE = "[ignore]";

    private LogSetup() {
    }

    static void configure(BridgeConfig config) {
        configure(config.logFormat(), config.logLevel(), secretsOf(config));
    }

    /** Also for {@code doctor}, whose stdout is its report: only errors are logged, to stderr. */
    static void configure(LogFormat format, String level, List<String> secrets) {
        System.setErr(new PrintStream(new RedactingOutputStream(System.err, secrets), true, StandardCharsets.UTF_8));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("stderr");
        console.setTarget("System.err");
        console.setEncoder(format == LogFormat.JSON ? jsonEncoder(context) : textEncoder(context));
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        // Debug and trace are for the bridge's own code; libraries and the JDK stay at info.
        boolean quieter = level.equals("error") || level.equals("warn");
        root.setLevel(Level.toLevel(quieter ? level : "info"));
        context.getLogger("dev.ocbridge").setLevel(Level.toLevel(level));
        context.getLogger("org.glassfish.tyrus").setLevel(Level.WARN);
        context.getLogger("okhttp3").setLevel(Level.WARN);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    /**
     * {@code {"time":…,"level":…,"logger":…,"message":…}}, the session and thread a line is about as
     * {@code sessionId} and {@code threadId} when it names them, the Java thread as {@code javaThread}, a
     * stack trace as {@code error}.
     */
    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setTimeZone("UTC");
        LogstashFieldNames names = encoder.getFieldNames();
        names.setTimestamp("time");
        names.setVersion(IGNORE);
        names.setLevelValue(IGNORE);
        names.setLogger("logger");
        names.setThread("javaThread");
        names.setStackTrace("error");
        encoder.start();
        return encoder;
    }

    static List<String> secretsOf(BridgeConfig config) {
        return secrets(Optional.of(config.mattermostToken().value()), config.openCodePassword().map(Secret::value));
    }

    /**
     * The secrets as they may appear in output: plain, as the OpenCode basic-auth credentials, and each of
     * those as a JSON string writes it.
     */
    static List<String> secrets(Optional<String> token, Optional<String> openCodePassword) {
        List<String> plain = new ArrayList<>();
        token.ifPresent(plain::add);
        openCodePassword.ifPresent(password -> {
            plain.add(password);
            plain.add(Base64.getEncoder().encodeToString(("opencode:" + password).getBytes(StandardCharsets.UTF_8)));
        });
        return withJsonForms(plain);
    }

    static List<String> withJsonForms(List<String> secrets) {
        Set<String> forms = new LinkedHashSet<>(secrets);
        for (String secret : secrets) {
            forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
        }
        return List.copyOf(forms);
    }
}
