package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.signalbox.common.Json;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code https://} upstream (Helidon WebServer with HTTP/2 and a self-signed certificate made by
 * keytool for this test) reached through the proxy, which trusts it via {@code SIGNALBOX_CA_FILE}.
 * The certificate names the base URL's host, 127.0.0.1, and nothing else (not "localhost", the
 * address's name in reverse DNS).
 */
class HttpsUpstreamTest {
    static final String KEY_S = "sk-real-key-for-S-5555555555";
    static final String EARLY = "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":"
            + "\"the gateway takes 1 MB at most\"}}";

    @TempDir
    Path dir;
    WebServer upstream;
    final List<String> protocols = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    Path caPem;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        Path keystore = dir.resolve("upstream.p12");
        caPem = dir.resolve("upstream-ca.pem");
        keytool("-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "upstream", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", caPem.toString());
        upstream = WebServer.builder().host("127.0.0.1").port(0)
                .tls(Tls.builder().sslContext(serverContext(keystore)).build())
                .routing(r -> r.post("/cut/v1/messages", (req, res) -> {
                    req.content().consume();
                    res.header("Content-Type", "text/event-stream");
                    OutputStream out = res.outputStream();
                    out.write(Sse.message("model-s", "Hello over TLS").get(0).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(300); // the first event is relayed before the reset
                    throw new IllegalStateException("the upstream breaks off its stream");
                }).post("/early/v1/messages", (req, res) -> {
                    // answers at once, without reading the body (a gateway's size or auth check)
                    res.status(413).header("Content-Type", "application/json").send(EARLY);
                }).post("/v1/messages", (req, res) -> {
                    protocols.add(req.prologue().protocolVersion());
                    keys.add(req.headers().first(io.helidon.http.HeaderNames.create("x-api-key")).orElse(""));
                    var body = Json.MAPPER.readTree(req.content().as(byte[].class));
                    String model = body.path("model").asString();
                    if (!body.path("stream").asBoolean(false)) {
                        res.header("Content-Type", "application/json");
                        res.send("{\"type\":\"message\",\"model\":\"" + model + "\",\"content\":[{\"type\":\"text\","
                                + "\"text\":\"Hello over TLS\"}],\"stop_reason\":\"end_turn\"}");
                        return;
                    }
                    res.header("Content-Type", "text/event-stream");
                    try (OutputStream out = res.outputStream()) {
                        for (String e : Sse.message(model, "Hello over TLS")) {
                            out.write(e.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                }))
                .build().start();
    }

    private void startProxy(boolean trustTheUpstreamCa) throws Exception {
        f = new ProxyFixture(dir.resolve("proxy"), c -> trustTheUpstreamCa ? c.withCaFile(caPem) : c);
        f.signalbox.profiles().add(new Profile("S", "https://127.0.0.1:" + upstream.port(), ApiFormat.ANTHROPIC,
                AuthStyle.X_API_KEY, new ModelMap("model-s", "model-s", "model-s", null, null, List.of()), Map.of(),
                null, null, null));
        f.signalbox.secrets().put("S", KEY_S);
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        upstream.stop();
    }

    @Test
    void aTrustedHttpsUpstreamIsReachedOverHttp2WithTheProfileKeyAndModel() throws Exception {
        startProxy(true);

        var res = f.send(f.post("/p/S/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("Hello over TLS"), res.body());
        assertTrue(res.body().contains("\"model\":\"model-s\""), res.body());
        assertEquals(List.of("2.0"), protocols, "the upstream should have been spoken to over HTTP/2");
        assertEquals(List.of(KEY_S), keys);
    }

    @Test
    void twoStreamsFromAnHttp2UpstreamArriveWholeOneAfterTheOther() throws Exception {
        startProxy(true);

        var first = f.send(f.post("/p/S/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        var second = f.send(f.post("/p/S/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        for (var res : List.of(first, second)) {
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("Hello over TLS"), res.body());
            assertTrue(res.body().trim().endsWith("data: {\"type\":\"message_stop\"}"), res.body());
        }
        assertEquals(List.of("2.0", "2.0"), protocols);
    }

    @Test
    void anAnswerAnHttp2UpstreamGivesBeforeReadingTheBodyReachesTheClient() throws Exception {
        startProxy(true);
        f.signalbox.profiles().edit("S", p -> p.withBaseUrl("https://127.0.0.1:" + upstream.port() + "/early"));
        String big = "{\"model\":\"claude-sonnet-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(12 * 1024 * 1024) + "\"}]}";

        var res = f.send(f.post("/p/S/v1/messages", big));

        assertEquals(413, res.statusCode(), res.body());
        assertEquals(EARLY, res.body());
        var next = f.send(f.post("/p/S/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(413, next.statusCode(), next.body());
    }

    @Test
    void aStreamAnHttp2UpstreamBreaksOffEndsWithAnErrorEventInWords() throws Exception {
        startProxy(true);
        f.signalbox.profiles().edit("S", p -> p.withBaseUrl("https://127.0.0.1:" + upstream.port() + "/cut"));

        var res = f.send(f.post("/p/S/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertEquals(200, res.statusCode(), res.body());
        String first = Sse.message("model-s", "Hello over TLS").get(0);
        assertTrue(res.body().startsWith(first), res.body());
        String end = res.body().substring(first.length());
        assertTrue(end.startsWith("event: error\n"), end);
        assertTrue(end.contains("127.0.0.1:" + upstream.port()) && end.contains("before its answer was complete"), end);
        assertFalse(end.contains("Exception"), end);
    }

    @Test
    void withoutTheCaFileTheSelfSignedUpstreamIsRefusedWithA502() throws Exception {
        startProxy(false);

        var res = f.send(f.post("/p/S/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(502, res.statusCode(), res.body());
        assertTrue(protocols.isEmpty(), "the request must not have reached the upstream");
        assertFalse(res.body().contains(KEY_S));
    }

    static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance(keystore.toFile(), "changeit".toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
    }
}
