package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.client.ClaudeVars;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelFamily;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.ModelRule;
import io.signalbox.profile.Profile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyForwardingTest {
    @TempDir
    Path dir;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void upstreamGetsTheRealKeyTheMappedModelAndAnthropicHeadersVerbatim() throws Exception {
        String beta = "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27";
        var res = f.send(f.post("/v1/messages?beta=true", ProxyFixture.message("claude-sonnet-5", true))
                .header("anthropic-beta", beta)
                .header("anthropic-dangerous-direct-browser-access", "false")
                .header("x-app", "cli")
                .header("api-key", f.token).header("x-goog-api-key", f.token).header("Cookie", "session=local"));

        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("Hello from upstream A"), res.body());
        for (String dropped : new String[] {"api-key", "x-goog-api-key", "cookie"}) {
            assertNull(f.a.last().header(dropped), dropped + " reached the upstream");
        }
        var seen = f.a.last();
        assertEquals("/v1/messages?beta=true", seen.uri());
        assertEquals(ProxyFixture.KEY_A, seen.header("x-api-key"));
        assertNull(seen.header("Authorization"), "the local token must not reach the upstream");
        assertEquals("model-a", seen.model());
        assertEquals(beta, seen.header("anthropic-beta"));
        assertEquals("2023-06-01", seen.header("anthropic-version"));
        assertEquals("false", seen.header("anthropic-dangerous-direct-browser-access"));
        assertEquals("cli", seen.header("x-app"));
        assertEquals("platform", seen.header("X-Team"));
    }

    @Test
    void aProfileWithTheApiKeyStyleSendsTheRealKeyAsApiKeyAndNoOtherCredential() throws Exception {
        f.signalbox.profiles().edit("B", p -> p.withAuth(AuthStyle.API_KEY));
        var res = f.send(f.post("/p/B/v1/messages", ProxyFixture.message("claude-sonnet-5", false))
                .header("api-key", f.token).header("x-api-key", f.token));

        assertEquals(200, res.statusCode(), res.body());
        var seen = f.b.last();
        assertEquals(ProxyFixture.KEY_B, seen.header("api-key"));
        assertNull(seen.header("Authorization"));
        assertNull(seen.header("x-api-key"));
    }

    @Test
    void aKeyAProfileStillKeepsAsAnApiKeyHeaderIsSentUntilTheUserMovesIt() throws Exception {
        // profiles.json from before api-key was an auth style (the CLI now refuses such a header)
        java.nio.file.Path file = f.home.signalboxHome.resolve("profiles.json");
        String before = java.nio.file.Files.readString(file);
        assertTrue(before.contains("\"X-Team\""), before);
        java.nio.file.Files.writeString(file, before.replace("\"X-Team\"", "\"api-key\""));

        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("platform", f.a.last().header("api-key"));
        assertEquals(ProxyFixture.KEY_A, f.a.last().header("x-api-key"));
    }

    @Test
    void theBodyReachesTheUpstreamByteForByteExceptForTheModel() throws Exception {
        String body = "{ \"stream\" : false,\n \"model\":\"claude-opus-4-8[1m]\", \"x\": {\"model\": \"inner\"},"
                + " \"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9 \\\"q\\\"\"}] }";
        var res = f.send(f.post("/v1/messages", body));

        assertEquals(200, res.statusCode());
        String upstream = new String(f.a.last().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(body.replace("\"claude-opus-4-8[1m]\"", "\"model-a-opus\""), upstream);
    }

    @Test
    void aNonStreamingRequestGetsTheUpstreamJsonAnswer() throws Exception {
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-haiku-4-5-20251001", false)));

        assertEquals(200, res.statusCode());
        assertEquals("Hello from upstream A", io.signalbox.common.Json.MAPPER.readTree(res.body())
                .path("content").get(0).path("text").asString());
        assertEquals("model-a-haiku", f.a.last().model());
    }

    @Test
    void countTokensIsForwardedWithTheModelRewritten() throws Exception {
        var res = f.send(f.post("/v1/messages/count_tokens", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(200, res.statusCode());
        assertEquals("/v1/messages/count_tokens", f.a.last().uri());
        assertEquals("model-a", f.a.last().model());
    }

    @Test
    void theProviderKeyEchoedInAnUpstreamErrorIsRedactedAndTheStatusKept() throws Exception {
        f.a.failStatus = 401;
        f.a.failBody = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":"
                + "\"invalid x-api-key: " + ProxyFixture.KEY_A + " (key " + ProxyFixture.KEY_A + ")\"}}";

        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertEquals(401, res.statusCode());
        assertFalse(res.body().contains(ProxyFixture.KEY_A), res.body());
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":"
                + "\"invalid x-api-key: *** (key ***)\"}}", res.body());
    }

    @Test
    void upstreamErrorStatusAndBodyReachTheClientUnmodified() throws Exception {
        f.a.failStatus = 529;
        f.a.failBody = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertEquals(529, res.statusCode());
        assertEquals(f.a.failBody, res.body());
    }

    @Test
    void aProfileWithoutAStoredKeyIsAnsweredWithTheCommandThatAddsIt() throws Exception {
        f.signalbox.secrets().delete("A");

        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertEquals(401, res.statusCode());
        assertTrue(res.body().contains("\"type\":\"error\""), res.body());
        assertTrue(res.body().contains("signalbox profile edit A --key-stdin"), res.body());
        assertTrue(f.a.seen.isEmpty());
    }

    @Test
    void perProfileRoutesAddressTheNamedProfileWhateverIsActive() throws Exception {
        var res = f.send(f.post("/p/B/v1/messages?beta=true", ProxyFixture.message("claude-opus-4-8", true)));

        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("Hello from upstream B"));
        assertEquals("Bearer " + ProxyFixture.KEY_B, f.b.last().header("Authorization"));
        assertEquals("/v1/messages?beta=true", f.b.last().uri());
        assertTrue(f.a.seen.isEmpty());
    }

    @Test
    void anUnknownProfileInThePathIsAnsweredWithTheProfilesThereAre() throws Exception {
        var res = f.send(f.post("/p/nope/v1/messages", ProxyFixture.message("claude-opus-4-8", true)));

        assertEquals(404, res.statusCode());
        assertTrue(res.body().contains("A, B"), res.body());
    }

    @Test
    void switchingTheActiveProfileTakesEffectOnTheNextRequestWithoutRestart() throws Exception {
        f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        f.signalbox.settings().update(s -> s.withActiveProfile("B"));
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertTrue(res.body().contains("Hello from upstream B"));
        assertEquals(1, f.a.seen.size());
        assertEquals(1, f.b.seen.size());
        assertEquals("model-b", f.b.last().model());
    }

    @Test
    void modelDiscoveryListsTheMappedModelsUnderClaudeIdsNamingTheRealModel() throws Exception {
        var res = f.send(HttpRequest.newBuilder(URI.create(f.url("/v1/models?limit=1000")))
                .header("x-api-key", f.token).header("anthropic-version", "2023-06-01"));

        assertEquals(200, res.statusCode());
        var data = io.signalbox.common.Json.MAPPER.readTree(res.body()).path("data");
        assertEquals(3, data.size(), res.body());
        for (var m : data) {
            assertTrue(m.path("id").asString().startsWith("claude"), m.toString());
        }
        assertTrue(res.body().contains("model-a-opus"), res.body());
        // the listed id maps back to the real model
        f.send(f.post("/v1/messages", ProxyFixture.message(data.get(0).path("id").asString(), false)));
        assertEquals("model-a-opus", f.a.last().model());
    }

    @Test
    void modelDiscoveryListsExactlyTheNamesUseWritesAndEachReachesItsSlotsModel() throws Exception {
        ModelMap mm = new ModelMap("model-c-opus", "model-c-sonnet", "model-c-haiku", "model-c-sub", "model-c-default",
                List.of(new ModelRule("gpt-*", "model-c-other")));
        Profile c = new Profile("C", f.a.baseUrl(), ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, mm, Map.of(), null,
                null, null);
        f.signalbox.profiles().add(c);
        f.signalbox.secrets().put("C", ProxyFixture.KEY_A);
        f.signalbox.settings().update(s -> s.withActiveProfile("C"));
        Map<String, String> written = ClaudeVars.proxy(c, f.url(""), f.token, w -> { }, io.signalbox.common.Env.of(Map.of(), dir));

        var res = f.send(HttpRequest.newBuilder(URI.create(f.url("/v1/models?limit=1000")))
                .header("x-api-key", f.token).header("anthropic-version", "2023-06-01"));

        assertEquals(200, res.statusCode());
        Map<String, String> listed = new HashMap<>();
        for (var m : io.signalbox.common.Json.MAPPER.readTree(res.body()).path("data")) {
            listed.put(m.path("id").asString(), m.path("display_name").asString());
        }
        Map<String, String> modelOfName = new HashMap<>();
        for (ModelFamily family : ModelFamily.values()) {
            modelOfName.put(written.get(ClaudeVars.SLOT_VARS.get(family)), mm.family(family).orElseThrow());
        }
        assertEquals(modelOfName.keySet(), listed.keySet(), "the ids listed are the names `use` writes: " + res.body());
        for (var e : modelOfName.entrySet()) {
            assertTrue(listed.get(e.getKey()).startsWith(e.getValue() + " "), res.body());
            f.send(f.post("/v1/messages", ProxyFixture.message(e.getKey(), false)));
            assertEquals(e.getValue(), f.a.last().model(), e.getKey());
        }
        // the names earlier versions listed (Claude Code caches discovered models) still reach their slots
        for (String old : List.of("claude-opus-via-signalbox", "claude-sonnet-via-signalbox",
                "claude-haiku-via-signalbox")) {
            f.send(f.post("/v1/messages", ProxyFixture.message(old, false)));
            assertEquals(mm.family(ModelFamily.of(old).orElseThrow()).orElseThrow(), f.a.last().model(), old);
        }
    }

    @Test
    void headAndHealthAnswer() throws Exception {
        var head = f.send(HttpRequest.newBuilder(URI.create(f.url("/"))).header("x-api-key", f.token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        var health = f.client.send(HttpRequest.newBuilder(URI.create(f.url("/health"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, head.statusCode());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("ok"));
        assertFalse(health.headers().firstValue("access-control-allow-origin").isPresent());
    }
}
