package dev.ocbridge.app.logging;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * A {@code System.Logger} on SLF4J. The message is formatted as {@code System.Logger} specifies
 * ({@link MessageFormat}, {@code {0}}), and the arguments that name a session, a chat thread or a channel are
 * also attached as key-value pairs ({@code sessionId}, {@code threadId}, {@code channelId}), which the JSON log
 * format writes as fields of their own.
 */
final class ContextLogger implements System.Logger {
    static final String SESSION_ID = "sessionId";
    static final String THREAD_ID = "threadId";
    static final String CHANNEL_ID = "channelId";

    private final Logger logger;

    ContextLogger(Logger logger) {
        this.logger = logger;
    }

    @Override
    public String getName() {
        return logger.getName();
    }

    @Override
    public boolean isLoggable(System.Logger.Level level) {
        return level != System.Logger.Level.OFF && logger.isEnabledForLevel(slf4j(level));
    }

    @Override
    public void log(System.Logger.Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            emit(level, localized(bundle, message), thrown, Map.of());
        }
    }

    @Override
    public void log(System.Logger.Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String pattern = localized(bundle, format);
            emit(level, params == null || params.length == 0 ? pattern : format(pattern, params), null,
                    context(params));
        }
    }

    @Override
    public void log(System.Logger.Level level, Supplier<String> supplier) {
        if (isLoggable(level)) {
            emit(level, supplier.get(), null, Map.of());
        }
    }

    private void emit(System.Logger.Level level, String message, Throwable thrown, Map<String, String> context) {
        LoggingEventBuilder event = logger.atLevel(slf4j(level)).setMessage(message);
        context.forEach(event::addKeyValue);
        if (thrown != null) {
            event = event.setCause(thrown);
        }
        event.log();
    }

    /** A pattern that {@link MessageFormat} cannot read is still shown, with its arguments after it. */
    static String format(String pattern, Object[] params) {
        try {
            return MessageFormat.format(pattern, params);
        } catch (IllegalArgumentException e) {
            return pattern + " " + Arrays.toString(params);
        }
    }

    static Map<String, String> context(Object[] params) {
        if (params == null) {
            return Map.of();
        }
        Map<String, String> context = new LinkedHashMap<>();
        for (Object param : params) {
            if (param instanceof SessionId session) {
                context.putIfAbsent(SESSION_ID, session.value());
            } else if (param instanceof ThreadRef thread) {
                context.putIfAbsent(THREAD_ID, thread.root().value());
                context.putIfAbsent(CHANNEL_ID, thread.channel().value());
            } else if (param instanceof ThreadMapping mapping) {
                context.putIfAbsent(SESSION_ID, mapping.sessionId().value());
                context.putIfAbsent(THREAD_ID, mapping.thread().root().value());
                context.putIfAbsent(CHANNEL_ID, mapping.thread().channel().value());
            } else if (param instanceof ChannelId channel) {
                context.putIfAbsent(CHANNEL_ID, channel.value());
            }
        }
        return context;
    }

    private static String localized(ResourceBundle bundle, String key) {
        if (bundle == null || key == null || !bundle.containsKey(key)) {
            return key;
        }
        return bundle.getString(key);
    }

    private static org.slf4j.event.Level slf4j(System.Logger.Level level) {
        switch (level) {
            case ALL:
            case TRACE:
                return org.slf4j.event.Level.TRACE;
            case DEBUG:
                return org.slf4j.event.Level.DEBUG;
            case INFO:
                return org.slf4j.event.Level.INFO;
            case WARNING:
                return org.slf4j.event.Level.WARN;
            default:
                return org.slf4j.event.Level.ERROR;
        }
    }
}
