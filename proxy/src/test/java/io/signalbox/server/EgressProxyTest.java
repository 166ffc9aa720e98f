package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.signalbox.common.Env;
import io.signalbox.common.SignalboxException;
import io.signalbox.forward.EgressProxy;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstreams behind a company's HTTP proxy ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}):
 * an HTTP proxy written here (CONNECT tunnels and absolute-form requests, Basic credentials) that
 * alone knows the upstreams' name, {@code upstream.test}, which does not resolve on this machine; so
 * an answer shows that the request went through it. HTTP/1.1 over TLS, HTTP/2 over TLS and plain
 * HTTP upstreams; the bypass list and loopback; a refused tunnel, wrong credentials and a proxy that
 * is not there said in words, the password never shown.
 */
class EgressProxyTest {
    static final String NAME = "upstream.test";
    static final String PASSWORD = "s3cret-pw";
    static final String JSON = "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"through the proxy\"}]}";

    @TempDir
    static Path keys;
    static Path keystore;
    static Path caPem;

    @TempDir
    Path dir;
    ServerSocket proxy;
    final List<String> proxied = new CopyOnWriteArrayList<>();
    final List<String> credentials = new CopyOnWriteArrayList<>();
    ServerSocket tlsUpstream;
    ServerSocket plainUpstream;
    WebServer h2Upstream;
    final List<String> h2Protocols = new CopyOnWriteArrayList<>();
    ProxyFixture f;
    int starts;
    /** When set, the proxy answers every CONNECT with 403. */
    volatile boolean refuseConnect;
    /** The client side of every tunnel the proxy opened. */
    final List<Socket> tunnels = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void certificate() throws Exception {
        keystore = keys.resolve("upstream.p12");
        caPem = keys.resolve("upstream-ca.pem");
        HttpsUpstreamTest.keytool("-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + NAME, "-ext", "SAN=dns:" + NAME, "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        HttpsUpstreamTest.keytool("-exportcert", "-rfc", "-alias", "upstream", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", caPem.toString());
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptProxy);
        tlsUpstream = (SSLServerSocket) HttpsUpstreamTest.serverContext(keystore).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> acceptUpstream(tlsUpstream));
        plainUpstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> acceptUpstream(plainUpstream));
        h2Upstream = WebServer.builder().host("127.0.0.1").port(0)
                .tls(Tls.builder().sslContext(HttpsUpstreamTest.serverContext(keystore)).build())
                .routing(r -> r.post("/v1/messages", (req, res) -> {
                    req.content().consume();
                    h2Protocols.add(req.prologue().protocolVersion());
                    res.header("Content-Type", "application/json").send(JSON);
                }))
                .build().start();
    }

    private void startSignalbox(String https, String http, String noProxy) throws Exception {
        Map<String, String> vars = new java.util.HashMap<>();
        if (https != null) {
            vars.put("HTTPS_PROXY", https);
        }
        if (http != null) {
            vars.put("http_proxy", http);
        }
        if (noProxy != null) {
            vars.put("NO_PROXY", noProxy);
        }
        EgressProxy egress = EgressProxy.from(Env.of(vars, dir));
        f = new ProxyFixture(dir.resolve("sb" + starts++), c -> c.withCaFile(caPem).withEgress(egress));
        profile("T", "https://" + NAME + ":" + tlsUpstream.getLocalPort());
        profile("H", "https://" + NAME + ":" + h2Upstream.port());
        profile("P", "http://" + NAME + ":" + plainUpstream.getLocalPort());
    }

    private void profile(String name, String base) {
        f.signalbox.profiles().add(new Profile(name, base, ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY,
                new ModelMap("m", "m", "m", null, null, List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put(name, "sk-key-for-" + name + "-000000000000");
    }

    private String proxyUrl(boolean withCredentials) {
        return "http://" + (withCredentials ? "corp-user:" + PASSWORD + "@" : "") + "127.0.0.1:" + proxy.getLocalPort();
    }

    private java.net.http.HttpResponse<String> ask(String profile) throws Exception {
        return f.send(f.post("/p/" + profile + "/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
    }

    @AfterEach
    void stop() throws IOException {
        if (f != null) {
            f.close();
        }
        proxy.close();
        tlsUpstream.close();
        plainUpstream.close();
        h2Upstream.stop();
    }

    @Test
    void anHttpsUpstreamSpeakingHttp1IsReachedThroughATunnelWithTheProxysCredentials() throws Exception {
        startSignalbox(proxyUrl(true), null, null);

        var res = ask("T");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(JSON, res.body());
        assertEquals(List.of("CONNECT " + NAME + ":" + tlsUpstream.getLocalPort()), proxied);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("corp-user:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(basic), credentials);
        assertEquals(200, ask("T").statusCode());
        assertEquals(1, proxied.size(), "the tunnelled connection is kept alive and used again");
    }

    @Test
    void anHttpsUpstreamSpeakingHttp2IsReachedThroughTheProxyToo() throws Exception {
        startSignalbox(proxyUrl(true), null, null);

        var res = ask("H");
        var again = ask("H");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(List.of("2.0", "2.0"), h2Protocols);
        // the first tunnel showed (by ALPN) that the host speaks HTTP/2; the HTTP/2 client then opened its own
        assertTrue(proxied.size() >= 2, proxied::toString);
        assertTrue(proxied.stream().allMatch(p -> p.equals("CONNECT " + NAME + ":" + h2Upstream.port())), proxied::toString);
    }

    @Test
    void whenTheProxyLaterRefusesOrIsGoneAnHttp2UpstreamsRequestsSaySoNamingTheProxy() throws Exception {
        startSignalbox(proxyUrl(true), null, null);
        assertEquals(200, ask("H").statusCode()); // the host is known to speak HTTP/2: Helidon's client from now on

        refuseConnect = true;
        killTunnels();
        var refused = ask("H");
        assertEquals(502, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("the HTTP proxy " + proxyUrl(false) + " (HTTPS_PROXY) refused the tunnel to "
                + NAME + ":" + h2Upstream.port()) && refused.body().contains("403"), refused.body());

        proxy.close();
        killTunnels();
        var gone = ask("H");
        assertEquals(502, gone.statusCode(), gone.body());
        assertTrue(gone.body().contains("cannot reach the HTTP proxy " + proxyUrl(false) + " (HTTPS_PROXY)"), gone.body());
        assertFalse(gone.body().contains(PASSWORD) || refused.body().contains(PASSWORD));
    }

    @Test
    void aPlainHttpUpstreamIsAskedForThroughTheProxyByItsWholeUrl() throws Exception {
        startSignalbox(null, proxyUrl(true), null);

        var res = ask("P");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(List.of("POST http://" + NAME + ":" + plainUpstream.getLocalPort() + "/v1/messages"), proxied);
        assertEquals(1, credentials.size());
    }

    @Test
    void hostsInNoProxyAndLoopbackHostsAreReachedDirectly() throws Exception {
        startSignalbox(proxyUrl(false), proxyUrl(false), ".test");
        profile("L", "https://127.0.0.1:" + h2Upstream.port()); // certificate names upstream.test only

        var bypassed = ask("T");
        var loopback = ask("L");

        assertEquals(502, bypassed.statusCode(), bypassed.body());
        assertTrue(bypassed.body().contains("does not resolve"), "reached directly, so resolved here: " + bypassed.body());
        assertEquals(502, loopback.statusCode(), loopback.body());
        assertTrue(loopback.body().contains("TLS handshake failed"), loopback.body());
        assertEquals(List.of(), proxied);
    }

    @Test
    void wrongCredentialsARefusedTunnelAndAMissingProxyAreSaidInWordsWithoutThePassword() throws Exception {
        startSignalbox("http://corp-user:wrong-" + PASSWORD + "@127.0.0.1:" + proxy.getLocalPort(), null, null);
        var wrong = ask("T");
        assertEquals(502, wrong.statusCode(), wrong.body());
        assertTrue(wrong.body().contains("wants credentials") && wrong.body().contains("HTTPS_PROXY"), wrong.body());
        assertFalse(wrong.body().contains(PASSWORD), wrong.body());
        f.close();

        startSignalbox(proxyUrl(true), null, null);
        f.signalbox.profiles().edit("T", p -> p.withBaseUrl("https://forbidden.test:443"));
        var refused = ask("T");
        assertEquals(502, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("refused the tunnel to forbidden.test:443 (HTTP/1.1 403 Forbidden)"),
                refused.body());
        f.close();

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        startSignalbox("http://corp-user:" + PASSWORD + "@127.0.0.1:" + closed, null, null);
        var missing = ask("T");
        assertEquals(502, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("cannot reach the HTTP proxy http://127.0.0.1:" + closed + " (HTTPS_PROXY)"),
                missing.body());
        assertFalse(missing.body().contains(PASSWORD), missing.body());
    }

    @Test
    void signalboxTestReachesTheProviderThroughTheSameProxyWithTheSameTrust() throws Exception {
        startSignalbox(proxyUrl(false), null, null);
        Env env = Env.of(Map.of("HTTPS_PROXY", proxyUrl(false), "SIGNALBOX_CA_FILE", caPem.toString()), dir);
        EgressProxy egress = EgressProxy.from(env);
        var options = io.signalbox.preflight.PreflightOptions.defaults().withTimeout(java.time.Duration.ofSeconds(10));

        io.signalbox.preflight.PreflightReport report;
        try (var client = io.signalbox.preflight.Preflight.client(env, egress, java.time.Duration.ofSeconds(10))) {
            report = new io.signalbox.preflight.Preflight(client, java.time.Clock.systemUTC(),
                    io.signalbox.preflight.Resolver.SYSTEM, egress).run(f.signalbox.profiles().get("H"),
                            "sk-key-for-H-000000000000", options, null);
        }

        var steps = report.steps();
        String all = steps.toString();
        assertEquals(io.signalbox.preflight.StepResult.Status.PASSED, steps.get(1).status(), all);
        assertTrue(steps.get(1).detail().contains("through the HTTP proxy " + proxyUrl(false) + " (HTTPS_PROXY)"), all);
        assertTrue(steps.get(2).detail().contains("tunnel to " + NAME + ":" + h2Upstream.port()), all);
        assertEquals(io.signalbox.preflight.StepResult.Status.PASSED, steps.get(3).status(), "TLS with the CA file: " + all);
        // the HTTP steps reached the upstream too (its name resolves nowhere but at the proxy)
        assertTrue(steps.size() > 4 && steps.get(4).httpStatus() != null, all);
        assertTrue(h2Protocols.contains("2.0"), all);
    }

    @Test
    void aProxyUrlSignalboxCannotUseIsRefusedWithTheFix() {
        var e = assertThrows(SignalboxException.class,
                () -> EgressProxy.from(Env.of(Map.of("https_proxy", "socks5://127.0.0.1:1080"), dir)));
        assertTrue(e.getMessage().contains("https_proxy names a socks5:// proxy"), e.getMessage());
        assertTrue(e.fix().contains("http://"), e.fix());
        assertTrue(EgressProxy.from(Env.of(Map.of(), dir)).isNone());
        EgressProxy p = EgressProxy.from(Env.of(Map.of("HTTPS_PROXY", "proxy.corp:3128",
                "no_proxy", "*.internal, 10.0.0.0/8,exact.example:8443"), dir));
        assertEquals("http://proxy.corp:3128 (HTTPS_PROXY)", p.route(URI.create("https://api.anthropic.com")).shown());
        for (String direct : List.of("https://a.b.internal", "https://internal", "https://10.1.2.3", "https://exact.example",
                "https://localhost:1", "https://127.0.0.5", "https://[::1]:8")) {
            assertEquals(null, p.route(URI.create(direct)), direct);
        }
        assertEquals(null, p.route(URI.create("http://plain.example")), "no proxy for http:// was set");
        assertTrue(p.route(URI.create("https://11.0.0.1")) != null);
        assertTrue(p.route(URI.create("https://notexact.example")) != null);
        assertEquals("http://proxy.corp:3128 (HTTPS_PROXY) for https://; directly: loopback, *.internal,10.0.0.0/8,"
                + "exact.example:8443", p.describe());
        EgressProxy both = EgressProxy.from(Env.of(Map.of("ALL_PROXY", "http://u:" + PASSWORD + "@proxy.corp:8080"), dir));
        assertEquals("http://proxy.corp:8080 (ALL_PROXY) for https:// and http://; directly: loopback", both.describe());
    }

    // ---- the HTTP proxy ----

    private void acceptProxy() {
        while (!proxy.isClosed()) {
            try {
                Socket s = proxy.accept();
                Thread.ofVirtual().start(() -> serveProxy(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveProxy(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] line = head.split("\r\n")[0].split(" ");
            String auth = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("proxy-authorization:"))
                    .map(l -> l.substring(20).strip()).findFirst().orElse(null);
            String expected = "Basic " + Base64.getEncoder().encodeToString(("corp-user:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (auth != null && !auth.equals(expected)) {
                out.write(bytes("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
                        + "Content-Length: 0\r\n\r\n"));
                return;
            }
            if (auth != null) {
                credentials.add(auth);
            }
            String target = line[1];
            if (target.startsWith("forbidden.") || refuseConnect) {
                out.write(bytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
                return;
            }
            if (line[0].equals("CONNECT")) {
                proxied.add("CONNECT " + target);
                try (Socket up = new Socket(InetAddress.getLoopbackAddress(), port(target))) {
                    tunnels.add(client);
                    out.write(bytes("HTTP/1.1 200 Connection established\r\n\r\n"));
                    out.flush();
                    pipe(client, up, in, out);
                }
                return;
            }
            // absolute form: POST http://upstream.test:PORT/path HTTP/1.1
            URI u = URI.create(target);
            proxied.add(line[0] + " " + target);
            try (Socket up = new Socket(InetAddress.getLoopbackAddress(), u.getPort())) {
                String rest = head.substring(head.indexOf("\r\n"));
                up.getOutputStream().write(bytes(line[0] + " " + u.getRawPath() + " " + line[2] + rest));
                pipe(client, up, in, out);
            }
        } catch (IOException ignored) {
            // a side went away
        }
    }

    /** Ends every open tunnel, as a proxy restart would: the next request needs a new connection. */
    private void killTunnels() throws IOException {
        for (Socket s : tunnels) {
            s.close();
        }
        tunnels.clear();
    }

    private static int port(String authority) {
        return Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
    }

    private static void pipe(Socket client, Socket up, InputStream in, OutputStream out) throws IOException {
        Thread back = Thread.ofVirtual().start(() -> {
            try {
                up.getInputStream().transferTo(out);
            } catch (IOException ignored) {
                // closed
            } finally {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // closed
                }
            }
        });
        try {
            in.transferTo(up.getOutputStream());
        } finally {
            up.close();
            try {
                back.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the HTTP/1.1 upstreams (TLS and plain) ----

    private void acceptUpstream(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serveUpstream(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveUpstream(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                        .map(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(0);
                in.readNBytes(length);
                out.write(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes(JSON).length + "\r\n\r\n" + JSON));
                out.flush();
            }
        } catch (IOException ignored) {
            // the proxy closed the connection
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
        return UpstreamHttp1Test.readHead(in);
    }
}
