package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.testsupport.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts of zero or less in settings.json are refused at start, naming the setting. */
class ProxyConfigTimeoutsTest {
    @TempDir
    Path dir;

    private SignalboxException startWith(String settingsJson) throws Exception {
        TestHome home = new TestHome(dir);
        Signalbox sb = new Signalbox(home.env(), Clock.systemUTC(), w -> { });
        Files.createDirectories(sb.home());
        Files.writeString(sb.home().resolve("settings.json"), settingsJson, StandardCharsets.UTF_8);
        return assertThrows(SignalboxException.class, () -> {
            try (ProxyServer p = ProxyServer.start(sb, ProxyConfig.from(sb).withPort(0))) {
                // started: the bug
            }
        });
    }

    @Test
    void aNegativeIdleTimeoutIsRefusedAtStart() throws Exception {
        SignalboxException e = startWith("{\"schemaVersion\":1,\"idleTimeoutSeconds\":-5}");
        assertTrue(e.getMessage().contains("idleTimeoutSeconds") && e.getMessage().contains("-5"), e.getMessage());
        assertTrue(e.fix().contains("give a number of seconds"), e.fix());
    }

    @Test
    void aZeroConnectTimeoutIsRefusedAtStart() throws Exception {
        SignalboxException e = startWith("{\"schemaVersion\":1,\"connectTimeoutSeconds\":0}");
        assertTrue(e.getMessage().contains("connectTimeoutSeconds"), e.getMessage());
    }
}
