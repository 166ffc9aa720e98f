package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.buffers.DataReader;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * serve's log drops the web server's warnings about a client that closed its connection mid-request
 * (the request log says it in words) and keeps every other warning.
 */
class LoggingFilterTest {
    private static LogRecord record(String logger, Throwable thrown) {
        LogRecord r = new LogRecord(Level.WARNING, "Internal server error");
        r.setLoggerName(logger);
        r.setThrown(thrown);
        return r;
    }

    @Test
    void aClientThatHungUpIsNotAWarningAnythingElseIs() {
        Throwable hungUp = new RuntimeException("Internal error", new DataReader.InsufficientDataAvailableException());
        assertFalse(Logging.keep(record("io.helidon.webserver.http1.Http1Connection", hungUp)));
        assertFalse(Logging.keep(record("io.helidon.webserver.ConnectionHandler",
                new DataReader.InsufficientDataAvailableException())));

        assertTrue(Logging.keep(record("io.helidon.webserver.http1.Http1Connection", new IllegalStateException("bug"))));
        assertTrue(Logging.keep(record("io.helidon.webserver.http1.Http1Connection", null)));
        assertTrue(Logging.keep(record("io.signalbox.server", hungUp)), "Signalbox's own lines are never dropped");
    }
}
