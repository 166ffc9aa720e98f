package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.event.RequestEvent;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream idle timeout (1 s here): a stream that stalls and an upstream that never answers are
 * ended properly; a stream longer than the timeout that keeps moving is not cut.
 */
class UpstreamIdleTimeoutTest {
    @TempDir
    Path dir;
    ProxyFixture f;
    final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir, c -> c.withIdleTimeout(Duration.ofSeconds(1)));
        f.proxy.subscribe(recorder);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStalledStreamEndsWithAnAnthropicErrorEventAndTheConnectionCloses() throws Exception {
        f.a.pacedEvents = 2;
        f.a.paceMillis = 600_000; // one event, then a stall far longer than the idle timeout

        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) { // null: the proxy ended the response
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }

        assertEquals(200, res.statusCode());
        assertEquals("event: ping", lines.get(0), lines.toString());
        assertEquals("event: error", lines.get(lines.size() - 2), lines.toString());
        var error = Json.MAPPER.readTree(lines.getLast().substring("data: ".length()));
        assertEquals("error", error.path("type").asString(), lines.toString());
        assertEquals("api_error", error.path("error").path("type").asString(), lines.toString());
        assertTrue(error.path("error").path("message").asString().contains("sent nothing"), lines.toString());
        RequestEvent last = recorder.awaitTerminal(1).getLast();
        assertEquals(RequestEvent.Kind.FAILED, last.kind());
        assertTrue(last.error().contains("idleTimeoutSeconds"), last.error());
        assertEquals(0, f.proxy.inFlight());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anUpstreamThatNeverAnswersIsA504NamingTheIdleTimeout() throws Exception {
        f.a.failStatus = 0;
        f.a.pacedEvents = 0;
        f.a.stallBeforeHeaders = true;

        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertEquals(504, res.statusCode(), res.body());
        var error = Json.MAPPER.readTree(res.body());
        assertEquals("error", error.path("type").asString(), res.body());
        assertTrue(error.path("error").path("message").asString().contains("idleTimeoutSeconds"), res.body());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStreamLongerThanTheIdleTimeoutThatKeepsMovingIsNotCut() throws Exception {
        f.a.pacedEvents = 8;
        f.a.paceMillis = 400; // 8 events over ~3 s against a 1 s idle timeout: never idle for 1 s

        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> lines = res.body().filter(l -> l.startsWith("event: ")).toList();

        assertEquals(200, res.statusCode());
        assertEquals(8, lines.size(), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.equals("event: error")), lines.toString());
        RequestEvent last = recorder.awaitTerminal(1).getLast();
        assertEquals(RequestEvent.Kind.COMPLETED, last.kind(), String.valueOf(last.error()));
    }

    /** Streams {@code body} to {@code path} and returns its non-empty lines, until the proxy ends the response. */
    private List<String> streamed(String path, String body) throws Exception {
        var res = f.client.send(f.post(path, body).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStalledStreamOnAnOpenAiRouteEndsWithTheFailureThatApiUses() throws Exception {
        for (ApiFormat format : new ApiFormat[] {ApiFormat.OPENAI_CHAT, ApiFormat.OPENAI_RESPONSES}) {
            f.signalbox.profiles().add(new Profile(format.id(), f.a.baseUrl() + "/v1", format, AuthStyle.BEARER,
                    new ModelMap(null, null, null, null, "gpt-mock", List.of()), Map.of(), null, null, null));
            f.signalbox.secrets().put(format.id(), "sk-openai-" + format.id());
        }
        f.a.pacedEvents = 2;
        f.a.paceMillis = 600_000; // one event, then a stall far longer than the idle timeout

        // Chat Completions: an unnamed data event carrying {"error": …}, which OpenAI's SDKs raise
        List<String> chat = streamed("/p/openai-chat/v1/chat/completions", "{\"model\":\"x\",\"stream\":true,\"messages\":[]}");
        assertTrue(chat.get(chat.size() - 2).startsWith("data: "), "no named event before it: " + chat);
        var chatError = Json.MAPPER.readTree(chat.getLast().substring("data: ".length())).path("error");
        assertEquals("server_error", chatError.path("type").asString(), chat.toString());
        assertTrue(chatError.path("message").asString().contains("sent nothing"), chat.toString());

        // Responses: a response.failed event, which Codex reports with its message
        List<String> responses = streamed("/p/openai-responses/v1/responses", "{\"model\":\"x\",\"stream\":true,\"input\":\"hi\"}");
        assertEquals("event: response.failed", responses.get(responses.size() - 2), responses.toString());
        var failed = Json.MAPPER.readTree(responses.getLast().substring("data: ".length()));
        assertEquals("response.failed", failed.path("type").asString(), responses.toString());
        assertEquals("failed", failed.path("response").path("status").asString(), responses.toString());
        assertTrue(failed.path("response").path("error").path("message").asString().contains("sent nothing"),
                responses.toString());
        assertEquals(0, f.proxy.inFlight());
    }
}
