package io.signalbox.preflight;

import static io.signalbox.preflight.Providers.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.preflight.FakeProvider.Reply;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy step, against a stand-in for the local proxy (PreflightThroughProxyTest uses the real one). */
class PreflightProxyStepTest {
    private static final String TOKEN = "sbx-local-TOKEN-456";
    private FakeProvider provider;
    private FakeProvider proxy;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        provider = Providers.healthyAnthropic(FakeProvider.http(), AuthStyle.X_API_KEY);
        proxy = FakeProvider.http();
        client = Preflight.defaultClient(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        provider.close();
        proxy.close();
        client.close();
    }

    private PreflightReport run(String proxyUrl) {
        return new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM).run(
                Providers.profile(provider.url(), ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, "model-a"), KEY,
                PreflightOptions.defaults().withViaProxy(new ViaProxy(URI.create(proxyUrl), TOKEN)), null);
    }

    @Test
    void theProxyStepSendsAClaudeRequestWithTheLocalTokenToTheProfilesRoute() {
        proxy.on("POST", "/p/acme/v1/messages", s -> TOKEN.equals(s.header("x-api-key"))
                ? Reply.json(200, Providers.ANTHROPIC_MESSAGE) : Reply.json(401, "{}"));
        PreflightReport r = run(proxy.url() + "/");
        assertTrue(r.ok(), () -> "report: " + r);
        assertEquals(Step.PROXY, r.steps().getLast().step());
        FakeProvider.Seen seen = proxy.seen().getFirst();
        assertEquals("Bearer " + TOKEN, seen.header("authorization"));
        assertTrue(seen.body().contains("\"model\":\"" + ViaProxy.PROBE_MODEL + "\""), seen.body());
        assertTrue(proxy.seen().stream().noneMatch(s -> s.headers().toString().contains(KEY)),
                "the provider key never goes to the proxy");
    }

    @Test
    void aProxyThatRejectsTheLocalTokenSaysSo() {
        proxy.on("POST", "/p/acme/v1/messages", Reply.json(401,
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"bad local token\"}}"));
        PreflightReport r = run(proxy.url());
        assertEquals(DiagnosisCode.PROXY_AUTH, r.diagnosis().code(), () -> "report: " + r);
        assertTrue(r.diagnosis().fix().contains("signalbox serve"));
    }

    @Test
    void aProxyThatIsNotRunningSaysToStartIt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PreflightReport r = run("http://127.0.0.1:" + port);
        assertEquals(DiagnosisCode.PROXY_UNAVAILABLE, r.diagnosis().code(), () -> "report: " + r);
        assertTrue(r.diagnosis().fix().contains("signalbox serve"));
    }

    @Test
    void forAnOpenAiResponsesProfileTheProxyStepSpeaksResponsesAsCodexDoes() throws IOException {
        try (FakeProvider openAi = FakeProvider.http()) {
            openAi.on("GET", "/v1/models", Reply.json(200, Providers.modelList("gpt-x")))
                    .on("POST", "/v1/responses", s -> s.streaming() ? Reply.events(Providers.RESPONSE_STREAM)
                            : Reply.json(200, Providers.RESPONSE));
            proxy.on("POST", "/p/acme/v1/responses", s -> ("Bearer " + TOKEN).equals(s.header("authorization"))
                    ? Reply.json(200, Providers.RESPONSE) : Reply.json(401, "{}"));
            PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM).run(
                    Providers.profile(openAi.url() + "/v1", ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER, "gpt-x"), KEY,
                    PreflightOptions.defaults().withViaProxy(new ViaProxy(URI.create(proxy.url()), TOKEN)), null);
            assertTrue(r.ok(), () -> "report: " + r);
            assertEquals(Step.PROXY, r.steps().getLast().step());
            FakeProvider.Seen seen = proxy.seen().getFirst();
            assertEquals("/p/acme/v1/responses", seen.path());
            assertTrue(seen.body().contains("\"model\":\"gpt-x\"") && seen.body().contains("\"input\""), seen.body());
            assertEquals(null, seen.header("anthropic-version"), "an OpenAI-style client sends no Anthropic headers");
        }
    }
}
