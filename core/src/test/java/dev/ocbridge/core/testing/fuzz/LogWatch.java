package dev.ocbridge.core.testing.fuzz;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Watches what one class logs (System.Logger reaches java.util.logging in tests) while it is open, keeping the
 * longest line instead of every line, and keeps those lines off the console: thousands of bad inputs would
 * otherwise flood the build output. A bad input should be logged in a line a person can read.
 */
public final class LogWatch implements AutoCloseable {
    private final Logger logger;
    private final boolean usedParentHandlers;
    private final Level previousLevel;
    private final AtomicInteger lines = new AtomicInteger();
    private final AtomicReference<String> longest = new AtomicReference<>("");
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.incrementAndGet();
            String line = formatter.format(record);
            longest.accumulateAndGet(line, (a, b) -> b.length() > a.length() ? b : a);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogWatch(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        usedParentHandlers = logger.getUseParentHandlers();
        previousLevel = logger.getLevel();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public int lines() {
        return lines.get();
    }

    /** The longest line logged so far, formatted as the console would print it. */
    public String longestLine() {
        return longest.get();
    }

    /** Forgets the lines so far, so that the next check is about the next input only. */
    public void reset() {
        lines.set(0);
        longest.set("");
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(usedParentHandlers);
    }
}
