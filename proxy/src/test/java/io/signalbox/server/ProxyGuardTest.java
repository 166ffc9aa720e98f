package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the proxy refuses, how it says so, and that it keeps serving afterwards. */
class ProxyGuardTest {
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

    private static void assertAnthropicError(String body, String type) {
        var json = Json.MAPPER.readTree(body);
        assertEquals("error", json.path("type").asString(), body);
        assertEquals(type, json.path("error").path("type").asString(), body);
        assertFalse(json.path("error").path("message").asString().isBlank(), body);
    }

    private void assertStillServes() throws Exception {
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(200, res.statusCode(), res.body());
    }

    @Test
    void aWrongTokenIsRefusedWithAnAnthropicAuthenticationError() throws Exception {
        var res = f.send(HttpRequest.newBuilder(URI.create(f.url("/v1/messages")))
                .header("x-api-key", "sbx-local-wrong")
                .POST(HttpRequest.BodyPublishers.ofString(ProxyFixture.message("claude-sonnet-5", true))));
        var none = f.send(HttpRequest.newBuilder(URI.create(f.url("/v1/models"))));

        assertEquals(401, res.statusCode());
        assertAnthropicError(res.body(), "authentication_error");
        assertFalse(res.body().contains(f.token));
        assertEquals(401, none.statusCode());
        assertTrue(f.a.seen.isEmpty());
        assertStillServes();
    }

    @Test
    void aWrongTokenOnAnOpenAiRouteIsAnOpenAiErrorThatSpeaksOfCodex() throws Exception {
        for (String path : new String[] {"/v1/responses", "/v1/chat/completions", "/p/A/v1/responses"}) {
            var res = f.send(HttpRequest.newBuilder(URI.create(f.url(path)))
                    .header("Authorization", "Bearer sbx-local-wrong")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5\",\"input\":\"hi\"}")));

            assertEquals(401, res.statusCode(), path);
            var error = io.signalbox.common.Json.MAPPER.readTree(res.body()).path("error");
            assertFalse(io.signalbox.common.Json.MAPPER.readTree(res.body()).has("type"), res.body());
            assertEquals("invalid_api_key", error.path("code").asString(), res.body());
            assertTrue(error.path("message").asString().contains("--clients codex"), res.body());
            assertFalse(res.body().contains("ANTHROPIC_AUTH_TOKEN"), res.body());
        }
        assertTrue(f.a.seen.isEmpty());
    }

    @Test
    void aModelNameLongerThanAnyModelsIsA400AndNeverReachesTheLogs() throws Exception {
        LogCapture log = LogCapture.requestLog();
        try {
            String longName = "claude-sonnet-" + "x".repeat(100_000);
            var res = f.send(f.post("/v1/messages", ProxyFixture.message(longName, false)));

            assertEquals(400, res.statusCode());
            assertAnthropicError(res.body(), "invalid_request_error");
            assertTrue(res.body().contains("\\\"model\\\" is 100014 characters long"), res.body());
            assertTrue(res.body().length() < 1000, "the name is not echoed: " + res.body().length());
            assertTrue(f.a.seen.isEmpty());
            String line = log.await(l -> l.contains("status=400"), "the refused request");
            assertTrue(line.length() < 1000, "the log line does not carry the name: " + line.length());
            // the longest real model ids (inference-profile ARNs, ~100 characters) still pass
            String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-5-v1:0";
            assertEquals(200, f.send(f.post("/p/B/v1/messages", ProxyFixture.message(arn, false))).statusCode());
        } finally {
            log.detach();
        }
    }

    @Test
    void aBodyWithTwoModelKeysIsA400NamingTheKey() throws Exception {
        var res = f.send(f.post("/v1/messages", "{\"model\":\"claude-opus-4\",\"model\":\"claude-haiku-4\","
                + "\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

        assertEquals(400, res.statusCode());
        assertAnthropicError(res.body(), "invalid_request_error");
        assertTrue(res.body().contains("\\\"model\\\" more than once"), res.body());
        assertTrue(f.a.seen.isEmpty());
    }

    @Test
    void theLocalTokenIsAcceptedAsXApiKeyToo() throws Exception {
        var res = f.send(HttpRequest.newBuilder(URI.create(f.url("/v1/messages")))
                .header("x-api-key", f.token)
                .POST(HttpRequest.BodyPublishers.ofString(ProxyFixture.message("claude-sonnet-5", false))));

        assertEquals(200, res.statusCode());
        assertEquals(ProxyFixture.KEY_A, f.a.last().header("x-api-key"));
    }

    @Test
    void aHostHeaderNamingAnotherMachineIsRefused() throws Exception {
        byte[] body = ProxyFixture.message("claude-sonnet-5", false).getBytes(StandardCharsets.UTF_8);
        var res = RawHttp.exchange(f.proxy.port(), RawHttp.post("/v1/messages", "evil.example:" + f.proxy.port(),
                "Authorization: Bearer " + f.token + "\r\n", body.length), body);

        assertEquals(403, res.status());
        assertAnthropicError(res.body(), "permission_error");
        assertTrue(f.a.seen.isEmpty());
        assertStillServes();
    }

    @Test
    void loopbackHostNamesWithAPortAreAccepted() throws Exception {
        byte[] body = ProxyFixture.message("claude-sonnet-5", false).getBytes(StandardCharsets.UTF_8);
        for (String host : new String[] {"localhost:" + f.proxy.port(), "127.0.0.1:" + f.proxy.port(), "[::1]:1"}) {
            var res = RawHttp.exchange(f.proxy.port(), RawHttp.post("/v1/messages", host,
                    "Authorization: Bearer " + f.token + "\r\n", body.length), body);
            assertEquals(200, res.status(), host + ": " + res.body());
        }
    }

    @Test
    void aRequestFromAWebPageIsRefusedAndNoCorsHeaderIsSent() throws Exception {
        byte[] body = ProxyFixture.message("claude-sonnet-5", false).getBytes(StandardCharsets.UTF_8);
        var res = RawHttp.exchange(f.proxy.port(), RawHttp.post("/v1/messages", "127.0.0.1:" + f.proxy.port(),
                "Authorization: Bearer " + f.token + "\r\nOrigin: http://127.0.0.1:8080\r\n", body.length), body);

        assertEquals(403, res.status());
        assertAnthropicError(res.body(), "permission_error");
        assertFalse(res.head().toLowerCase().contains("access-control-"));
        assertTrue(f.a.seen.isEmpty());
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() throws Exception {
        var res = f.send(f.post("/v1/messages", "{\"model\": \"claude-sonnet-5\", \"messages\": [}"));

        assertEquals(400, res.statusCode());
        assertAnthropicError(res.body(), "invalid_request_error");
        assertTrue(res.body().contains("not valid JSON"), res.body());
        assertTrue(f.a.seen.isEmpty());
        assertStillServes();
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsA400() throws Exception {
        var res = f.send(f.post("/v1/messages", "[1,2,3]"));

        assertEquals(400, res.statusCode());
        assertAnthropicError(res.body(), "invalid_request_error");
    }

    @Test
    void aMissingModelIsA400SayingSo() throws Exception {
        var res = f.send(f.post("/v1/messages", "{\"max_tokens\":10,\"messages\":[]}"));

        assertEquals(400, res.statusCode());
        assertAnthropicError(res.body(), "invalid_request_error");
        assertTrue(res.body().contains("no \\\"model\\\""), res.body());
        assertStillServes();
    }

    @Test
    void aFiftyMegabyteBodyIsA413AndTheProxyKeepsServing() throws Exception {
        byte[] big = new byte[50 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        byte[] head = "{\"model\":\"claude-sonnet-5\",\"pad\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        big[big.length - 2] = '"';
        big[big.length - 1] = '}';

        var res = f.send(f.post("/v1/messages", "").POST(HttpRequest.BodyPublishers.ofByteArray(big)));

        assertEquals(413, res.statusCode());
        assertAnthropicError(res.body(), "request_too_large");
        assertTrue(res.body().contains("SIGNALBOX_MAX_BODY_MB"), res.body());
        assertTrue(f.a.seen.isEmpty());
        assertStillServes();
    }

    @Test
    void anUnknownPathIsAnAnthropicShaped404() throws Exception {
        var res = f.send(f.post("/v2/whatever", "{}"));

        assertEquals(404, res.statusCode());
        assertAnthropicError(res.body(), "not_found_error");
    }
}
