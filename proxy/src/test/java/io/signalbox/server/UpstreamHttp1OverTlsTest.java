package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@link UpstreamHttp1Test} again, against an {@code https://} upstream that speaks
 * only HTTP/1.1 (a TLS server socket with no ALPN: a company gateway, an nginx without http2): the
 * proxy's HTTP/1.1 hop runs over TLS there, keep-alive, framing, an answer before the whole body and
 * the failures in words included. The upstream is reached as {@code localhost}, the one name its
 * certificate (made by keytool for this class) holds.
 */
class UpstreamHttp1OverTlsTest extends UpstreamHttp1Test {
    @TempDir
    static Path keys;
    static Path keystore;
    static Path caPem;

    @BeforeAll
    static void certificate() throws Exception {
        keystore = keys.resolve("upstream.p12");
        caPem = keys.resolve("upstream-ca.pem");
        HttpsUpstreamTest.keytool("-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        HttpsUpstreamTest.keytool("-exportcert", "-rfc", "-alias", "upstream", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", caPem.toString());
    }

    @Override
    ServerSocket listen() throws Exception {
        SSLServerSocket s = (SSLServerSocket) HttpsUpstreamTest.serverContext(keystore).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return s;
    }

    @Override
    String scheme() {
        return "https";
    }

    @Override
    String host() {
        return "localhost";
    }

    @Override
    ProxyFixture fixture(Path dir, UnaryOperator<ProxyConfig> config) throws Exception {
        return new ProxyFixture(dir, c -> config.apply(c).withCaFile(caPem));
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() throws Exception {
        // the same server, reached as 127.0.0.1: its certificate names localhost only
        f.signalbox.profiles().add(new Profile("L", "https://127.0.0.1:" + upstream.getLocalPort(), ApiFormat.ANTHROPIC,
                AuthStyle.X_API_KEY, new ModelMap("m", "m", "m", null, null, List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("L", "sk-key-for-L-0000000000");

        var bad = f.send(f.post("/p/L/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(502, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("TLS handshake failed"), bad.body());
        assertEquals(0, requests.get(), "nothing may be sent to a host whose certificate does not name it");
        assertEquals(200, f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false))).statusCode());
    }
}
