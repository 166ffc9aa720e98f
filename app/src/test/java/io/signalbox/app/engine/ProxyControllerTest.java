package io.signalbox.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.signalbox.app.testing.AppFixture;
import io.signalbox.server.PortInUseException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's proxy when the port it is asked to listen on is taken. */
class ProxyControllerTest {
    @Test
    void startingOnAPortAnotherProgramHoldsThrowsAndLeavesTheProxyStopped(@TempDir Path dir) throws Exception {
        try (AppFixture f = new AppFixture(dir);
                ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortInUseException e = assertThrows(PortInUseException.class, () -> f.proxy.start(other.getLocalPort()));

            assertEquals(other.getLocalPort(), e.port());
            assertEquals(ProxyState.STOPPED, f.proxy.state());
        }
    }

    @Test
    void movingToAPortAnotherProgramHoldsThrowsAndTheProxyKeepsServingOnItsPort(@TempDir Path dir) throws Exception {
        try (AppFixture f = new AppFixture(dir).startProxy();
                ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int before = f.proxy.port();

            assertThrows(PortInUseException.class, () -> f.proxy.moveTo(other.getLocalPort()));

            assertEquals(before, f.proxy.port());
            assertEquals(ProxyState.RUNNING, f.proxy.state());
            assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        }
    }
}
