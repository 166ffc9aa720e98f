package io.signalbox.server;

import io.signalbox.event.RequestLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what one logger logs while attached: start it in a test's set-up, {@link #detach()} in its tear-down. */
final class LogCapture extends Handler {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    /** The request log ({@link RequestLog#LOG}) at INFO, where each request's line is written. */
    static LogCapture requestLog() {
        RequestLog.LOG.setLevel(Level.INFO);
        return new LogCapture(RequestLog.LOG);
    }

    static LogCapture of(Logger logger) {
        return new LogCapture(logger);
    }

    /** The messages logged so far, oldest first. */
    List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    /** The first message that matches, waiting up to 2 s for it (a log line can follow the response). */
    String await(Predicate<String> match, String what) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (LogRecord r : records) {
                if (match.test(r.getMessage())) {
                    return r.getMessage();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line for " + what + " in " + messages());
    }

    void detach() {
        logger.removeHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
