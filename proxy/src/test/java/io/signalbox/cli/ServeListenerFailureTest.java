package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve does not stay alive with a dead listener: it says why and exits 1, so a supervisor restarts it. */
class ServeListenerFailureTest {
    @TempDir
    Path tmp;

    @Test
    void whenTheListenerStopsAcceptingServeExitsWithStatusOneAndTheFix() throws Exception {
        TestHome h = new TestHome(tmp);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int p = port;
        CompletableFuture<CliRun.Result> serve = CompletableFuture.supplyAsync(() -> CliRun.run(h, "serve", "--port",
                Integer.toString(p)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!listening(p)) {
            assertTrue(System.nanoTime() < deadline && !serve.isDone(), () -> "serve did not start: " + serve.join().all());
            Thread.sleep(50);
        }
        // what Helidon logs when accept() fails for good (e.g. too many open files)
        LogRecord r = new LogRecord(Level.SEVERE, "Got a throwable while listening, this server socket is terminating now");
        r.setThrown(new IOException("Too many open files"));
        Logger.getLogger("io.helidon.webserver.ServerListener").log(r);
        CliRun.Result res = serve.get(60, TimeUnit.SECONDS);
        assertEquals(1, res.code(), res::all);
        assertTrue(res.err().contains("stopped accepting connections (Too many open files)"), res::all);
        assertTrue(res.err().contains("ulimit -n"), res::all);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
