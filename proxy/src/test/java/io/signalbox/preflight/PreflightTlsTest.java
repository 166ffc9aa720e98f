package io.signalbox.preflight;

import static io.signalbox.preflight.Providers.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Profile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS: a certificate the client does not trust is a TLS error at the TLS step; a trusted one passes. */
class PreflightTlsTest {
    @TempDir
    static Path dir;
    static SelfSignedTls tls;
    static FakeProvider provider;

    @BeforeAll
    static void start() throws Exception {
        tls = new SelfSignedTls(dir);
        provider = Providers.healthyAnthropic(FakeProvider.https(tls.serverContext()), AuthStyle.X_API_KEY);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private static Profile profile() {
        return Providers.profile(provider.url(), ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, "model-a");
    }

    @Test
    void aSelfSignedCertificateTheClientDoesNotTrustIsATlsError() {
        try (HttpClient client = Preflight.defaultClient(Duration.ofSeconds(5))) {
            PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                    .run(profile(), KEY, PreflightOptions.defaults(), null);
            assertEquals(DiagnosisCode.TLS_ERROR, r.diagnosis().code(), () -> "report: " + r);
            assertEquals(Step.TLS, r.steps().getLast().step());
            assertTrue(r.diagnosis().fix().contains("certificate"), r.diagnosis().fix());
            assertTrue(r.diagnosis().message().contains("127.0.0.1:" + provider.url().replaceAll(".*:", "")));
        }
    }

    @Test
    void theSameServerPassesWhenTheInjectedClientTrustsItsCertificate() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(tls.trustingContext())
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                    .run(profile(), KEY, PreflightOptions.defaults(), null);
            assertTrue(r.ok(), () -> "report: " + r);
            assertEquals(StepResult.Status.PASSED, r.steps().get(3).status());
            assertTrue(r.steps().get(3).detail().startsWith("TLS"), r.steps().get(3).detail());
        }
    }

    @Test
    void speakingTlsToAPlainHttpServerSaysToUseHttp() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpClient client = Preflight.defaultClient(Duration.ofSeconds(5))) {
            Thread.ofVirtual().start(() -> answerPlainHttp(plain));
            String url = "https://127.0.0.1:" + plain.getLocalPort();
            PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                    .run(Providers.profile(url, ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, "m"), KEY,
                            PreflightOptions.defaults(), null);
            assertEquals(DiagnosisCode.TLS_ERROR, r.diagnosis().code(), () -> "report: " + r);
            assertTrue(r.diagnosis().fix().contains("--base-url http://127.0.0.1:" + plain.getLocalPort()),
                    r.diagnosis().fix());
        }
    }

    /** What a plain web server says to a TLS ClientHello: an HTTP 400. */
    private static void answerPlainHttp(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
