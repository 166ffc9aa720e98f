package io.signalbox.server;

import io.signalbox.Signalbox;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import io.signalbox.testsupport.TestHome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * An isolated home with two profiles pointing at two mock upstreams — A (x-api-key, maps every
 * Claude family to {@code model-a}) and B (bearer, maps to {@code model-b}) — A active, and an
 * in-process proxy on a free port.
 */
final class ProxyFixture implements AutoCloseable {
    static final String KEY_A = "sk-real-key-for-A-0123456789";
    static final String KEY_B = "sk-real-key-for-B-9876543210";

    final TestHome home;
    final Signalbox signalbox;
    final MockUpstream a;
    final MockUpstream b;
    final ProxyServer proxy;
    final String token;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ProxyFixture(Path dir) throws IOException {
        this(dir, c -> c);
    }

    ProxyFixture(Path dir, java.util.function.UnaryOperator<ProxyConfig> config) throws IOException {
        home = new TestHome(dir);
        signalbox = new Signalbox(home.env(), Clock.systemUTC(), w -> { });
        a = new MockUpstream("Hello from upstream A");
        b = new MockUpstream("Hello from upstream B");
        signalbox.profiles().add(new Profile("A", a.baseUrl(), ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY,
                new ModelMap("model-a-opus", "model-a", "model-a-haiku", null, null, List.of()),
                Map.of("X-Team", "platform"), null, null, null));
        signalbox.profiles().add(new Profile("B", b.baseUrl(), ApiFormat.ANTHROPIC, AuthStyle.BEARER,
                new ModelMap("model-b", "model-b", "model-b", null, null, List.of()), Map.of(), null, null, null));
        signalbox.secrets().put("A", KEY_A);
        signalbox.secrets().put("B", KEY_B);
        signalbox.settings().update(s -> s.withActiveProfile("A"));
        token = signalbox.localToken();
        proxy = ProxyServer.start(signalbox, config.apply(ProxyConfig.from(signalbox).withPort(0)));
    }

    String url(String path) {
        return "http://127.0.0.1:" + proxy.port() + path;
    }

    HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    HttpResponse<String> send(HttpRequest.Builder req) throws IOException, InterruptedException {
        return client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String message(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":32000,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}";
    }

    @Override
    public void close() {
        proxy.close();
        a.close();
        b.close();
    }
}
