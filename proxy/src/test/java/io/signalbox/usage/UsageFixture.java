package io.signalbox.usage;

import io.signalbox.Signalbox;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import io.signalbox.server.ProxyConfig;
import io.signalbox.server.ProxyServer;
import io.signalbox.testsupport.TestHome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * An isolated home, a {@link UsageMock} provider behind three profiles — {@code anth}
 * (Anthropic, maps every family to claude-sonnet-4-5-20250929), {@code chat} (OpenAI chat, gpt-5)
 * and {@code resp} (OpenAI responses, gpt-5-codex) — a movable clock, a usage engine on a
 * SQLite file, and the real proxy on a free port.
 */
final class UsageFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-03-10T12:00:00Z");

    final TestHome home;
    final MovableClock clock = new MovableClock(START);
    final Signalbox signalbox;
    final UsageMock mock;
    final UsageEngine usage;
    final ProxyServer proxy;
    final String token;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    UsageFixture(Path dir) throws IOException {
        this(dir, UsageEngine.DEFAULT_QUEUE);
    }

    UsageFixture(Path dir, int queue) throws IOException {
        home = new TestHome(dir);
        signalbox = new Signalbox(home.env(), clock, w -> { });
        mock = new UsageMock();
        ModelMap claude = new ModelMap("claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929",
                "claude-sonnet-4-5-20250929", null, "claude-sonnet-4-5-20250929", List.of());
        signalbox.profiles().add(new Profile("anth", mock.baseUrl(), ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, claude,
                Map.of(), null, null, null, null));
        signalbox.profiles().add(new Profile("chat", mock.baseUrl() + "/v1", ApiFormat.OPENAI_CHAT, AuthStyle.BEARER,
                new ModelMap(null, null, null, null, "gpt-5", List.of()), Map.of(), null, null, null, null));
        signalbox.profiles().add(new Profile("resp", mock.baseUrl() + "/v1", ApiFormat.OPENAI_RESPONSES,
                AuthStyle.BEARER, new ModelMap(null, null, null, null, "gpt-5-codex", List.of()), Map.of(), null, null,
                null, null));
        for (String p : List.of("anth", "chat", "resp")) {
            signalbox.secrets().put(p, "sk-test-key-" + p);
        }
        signalbox.settings().update(s -> s.withActiveProfile("anth"));
        token = signalbox.localToken();
        usage = new UsageEngine(UsageDb.sqlite(home.signalboxHome.resolve("usage.db")), clock, ZoneOffset.UTC,
                name -> signalbox.profiles().find(name), new Pricing(PriceTable.bundled()), queue);
        proxy = ProxyServer.start(signalbox, ProxyConfig.from(signalbox).withPort(0), usage);
    }

    HttpResponse<String> post(String path, String json, String userAgent) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (path.contains("/messages")) {
            b.header("anthropic-version", "2023-06-01").header("x-claude-code-session-id", "session-42");
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String anthropicBody(boolean stream) {
        return "{\"model\":\"claude-sonnet-5\",\"max_tokens\":1000,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"secret prompt text\"}]}";
    }

    static String chatBody(boolean stream) {
        return "{\"model\":\"anything\",\"stream\":" + stream + ",\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"secret prompt text\"}]}";
    }

    static String responsesBody(boolean stream) {
        return "{\"model\":\"anything\",\"stream\":" + stream + ",\"input\":\"secret prompt text\"}";
    }

    /**
     * The stored rows once there are {@code expected} of them. A response reaches the client just
     * before its request's final event is published, so a row may still be on its way.
     */
    List<UsageRow> rows(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!usage.flush(Duration.ofSeconds(60))) {
                throw new AssertionError("usage rows were not written within 60 s");
            }
            List<UsageRow> rows = usage.queries().rows(0);
            if (rows.size() >= expected || System.nanoTime() > deadline) {
                return rows;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        proxy.close();
        usage.close();
        mock.close();
    }
}
