package io.signalbox.cli;

import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One log line per record on stderr: {@code time level logger: message}. Commands log warnings
 * only; {@code serve} logs info (one structured line per request). Nothing logs keys or prompts.
 */
public final class Logging {
    private Logging() {
    }

    private static volatile java.util.logging.Handler handler;

    /** Writes log lines still waiting in memory (e.g. at the end of a shutdown). */
    public static void flush() {
        java.util.logging.Handler h = handler;
        if (h != null) {
            h.flush();
        }
    }

    public static void configure(boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        // Like ConsoleHandler (stderr), but INFO lines are written in small batches, not flushed one by one.
        StderrHandler h = new StderrHandler(System.err);
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = formatMessage(r);
                String thrown = r.getThrown() == null ? ""
                        : " (" + r.getThrown().getClass().getSimpleName() + ")";
                return java.time.Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel().getName() + " "
                        + shortName(r.getLoggerName()) + ": " + msg + thrown + System.lineSeparator();
            }
        });
        Level level = verbose ? Level.INFO : Level.WARNING;
        h.setLevel(level);
        // The web server warns "Internal server error" / "unexpected exception" when a client closes its
        // connection mid-request; that is the client's doing, and the request-log line already says so.
        h.setFilter(Logging::keep);
        root.addHandler(h);
        java.util.logging.Handler old = handler;
        handler = h;
        if (old != null) {
            old.close();
        }
        root.setLevel(level);
        // Third-party chatter stays at warnings even when we are verbose.
        Logger.getLogger("io.helidon").setLevel(Level.WARNING);
        Logger.getLogger("org.freedesktop").setLevel(Level.SEVERE);
    }

    /** False for the web server's warnings about a client that closed its connection mid-request. */
    static boolean keep(LogRecord r) {
        return !(r.getLoggerName() != null && r.getLoggerName().startsWith("io.helidon")
                && io.signalbox.server.ProxyServer.clientClosedMidRequest(r.getThrown()));
    }

    private static String shortName(String n) {
        if (n == null) {
            return "";
        }
        int i = n.lastIndexOf('.');
        return i < 0 ? n : n.substring(i + 1);
    }
}
