package io.kstretch.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged in this JVM while it is open, as text (messages with their parameters, and stack traces), with
 * the given categories turned up to DEBUG meanwhile: for tests of what must never be logged.
 */
public final class CapturedLog implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final Map<Logger, Level> levels = new java.util.HashMap<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(formatter.formatMessage(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append('\n').append(trace);
            }
            synchronized (lines) {
                lines.add(record.getLoggerName() + " " + text);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");

    public CapturedLog(String... debugCategories) {
        handler.setLevel(Level.ALL);
        for (String category : debugCategories) {
            Logger logger = Logger.getLogger(category);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        root.addHandler(handler);
    }

    /** All captured records so far, one per line (a record's stack trace on the lines after it). */
    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    public int records() {
        synchronized (lines) {
            return lines.size();
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        levels.forEach(Logger::setLevel);
    }
}
