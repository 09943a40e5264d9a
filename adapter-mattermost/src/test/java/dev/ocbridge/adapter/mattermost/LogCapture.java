package dev.ocbridge.adapter.mattermost;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log line written while it is open, formatted as the default console would write it (System.Logger goes to
 * java.util.logging in these tests).
 */
final class LogCapture implements AutoCloseable {
    private record Line(Level level, String text) {
    }

    private final Logger root = Logger.getLogger("");
    private final Level previousLevel = root.getLevel();
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(new Line(record.getLevel(), formatter.format(record)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        root.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    List<String> lines() {
        return lines.stream().map(Line::text).toList();
    }

    List<String> warnings() {
        return lines.stream().filter(line -> line.level().intValue() >= Level.WARNING.intValue()).map(Line::text)
                .toList();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(previousLevel);
    }
}
