package io.signalbox.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.signalbox.app.testing.AppFixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up's question "who serves the port?", against a real proxy and a real stranger. */
class PortProbeTest {
    @Test
    void aRunningSignalboxIsRecognisedByItsHealthAnswer(@TempDir Path dir) throws Exception {
        try (AppFixture f = new AppFixture(dir).startProxy()) {
            assertEquals(PortProbe.Result.SIGNALBOX, PortProbe.check(f.proxy.port()));
        }
    }

    @Test
    void anotherServerOnThePortIsNotMistakenForSignalbox() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", ex -> {
            byte[] b = "{\"status\":\"ok\"}".getBytes();
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        other.start();
        try {
            assertEquals(PortProbe.Result.OTHER, PortProbe.check(other.getAddress().getPort()));
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aFreePortIsFree() {
        assertEquals(PortProbe.Result.FREE, PortProbe.check(PortProbe.freePort()));
    }
}
