package io.signalbox.app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.testing.AppFixture;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the proxy refuses before routing (a client with another token, a client set to
 * https://) appear in the app's live log with what is wrong and the fix: a user whose Claude Code
 * shows only "invalid API key" or a TLS error finds the reason in the app.
 */
class LiveLogRefusalsTest {
    @Test
    void aRefusedTokenAndATlsClientShowUpWithTheFix(@TempDir Path dir) throws Exception {
        try (AppFixture f = new AppFixture(dir).startProxy()) {
            LiveLogViewModel log = new LiveLogViewModel(Runnable::run, Clock.systemUTC(), ZoneOffset.UTC, e -> null);
            try (AutoCloseable sub = f.proxy.subscribe(log)) {
                try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    HttpResponse<String> res = client.send(HttpRequest.newBuilder(
                                    URI.create(f.proxy.baseUrl() + "/v1/messages"))
                            .header("x-api-key", "sk-ant-a-real-provider-key")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(401, res.statusCode(), res.body());
                }
                // The first bytes of a TLS handshake, as from a client whose base URL says https://.
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00});
                    out.flush();
                    s.setSoTimeout(30_000);
                    s.getInputStream().readAllBytes();
                }
                AppFixture.await(() -> log.rows().size() == 2);
            }

            LogRow token = log.rows().get(0);
            assertEquals("401 failed", token.status());
            assertTrue(token.failed());
            assertTrue(token.detail().contains("POST /v1/messages"), token.detail());
            assertTrue(token.detail().contains("re-run 'signalbox use PROFILE'"), token.detail());
            assertFalse(token.detail().contains("sk-ant-a-real-provider-key"), token.detail());

            LogRow tls = log.rows().get(1);
            assertEquals("400 failed", tls.status());
            assertTrue(tls.detail().contains("TLS (https://)"), tls.detail());
            assertTrue(tls.detail().contains("http://127.0.0.1:" + f.proxy.port()), tls.detail());
            for (LogRow r : log.rows()) {
                assertEquals(LogRow.UNKNOWN, r.cost(), "a refused request has no usage, so no cost");
                assertEquals(LogRow.UNKNOWN, r.profile());
            }
        }
    }
}
