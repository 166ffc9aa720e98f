package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When Helidon's listener ends by itself (it logs "this server socket is terminating now", e.g.
 * after accept() failed with EMFILE), the proxy says so instead of looking healthy.
 */
class ListenerWatchTest {
    @TempDir
    Path dir;

    @Test
    void aListenerThatTerminatesIsReportedWithTheFix() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir)) {
            assertTrue(f.proxy.isRunning());
            assertFalse(f.proxy.listenerFailure().isDone());

            LogRecord r = new LogRecord(Level.SEVERE, "Got a throwable while listening, this server socket is terminating now");
            r.setThrown(new IOException("Too many open files"));
            Logger.getLogger(ListenerWatch.LOGGER).log(r);

            SignalboxException e = f.proxy.listenerFailure().get(30, TimeUnit.SECONDS);
            assertTrue(e.getMessage().contains("stopped accepting connections"), e.getMessage());
            assertTrue(e.fix().contains("ulimit -n"), e.fix());
            assertFalse(f.proxy.isRunning());
        }
    }
}
