package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenAI-format profiles: their own endpoints pass through; Anthropic requests to a Responses profile get a clear error. */
class OpenAiProfileTest {
    @TempDir
    Path dir;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
        f.signalbox.profiles().add(new Profile("oai", f.b.baseUrl() + "/v1", ApiFormat.OPENAI_CHAT, AuthStyle.BEARER,
                new ModelMap(null, null, null, null, "gpt-mock", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("oai", "sk-openai-real");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void chatCompletionsPassThroughToTheBaseUrlWithoutASecondV1() throws Exception {
        var res = f.send(f.post("/p/oai/v1/chat/completions", "{\"model\":\"whatever\",\"messages\":[]}"));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("/v1/chat/completions", f.b.last().uri());
        assertEquals("Bearer sk-openai-real", f.b.last().header("Authorization"));
        assertEquals("gpt-mock", f.b.last().model());
    }

    @Test
    void responsesPassThroughToAResponsesProfile() throws Exception {
        f.signalbox.profiles().add(new Profile("resp", f.b.baseUrl() + "/v1", ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER,
                new ModelMap(null, null, null, null, "gpt-mock", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("resp", "sk-openai-real");
        var res = f.send(f.post("/p/resp/v1/responses", "{\"model\":\"gpt-5-codex\",\"input\":[]}"));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("/v1/responses", f.b.last().uri());
    }

    @Test
    void openAiStyleClientsGetTheUpstreamModelList() throws Exception {
        var res = f.send(HttpRequest.newBuilder(URI.create(f.url("/p/oai/v1/models")))
                .header("Authorization", "Bearer " + f.token));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("/v1/models", f.b.last().uri());
    }

    @Test
    void anAnthropicRequestToAResponsesProfileIsTranslatedAndAnAnswerOfAnotherShapeIsNamed() throws Exception {
        f.signalbox.profiles().add(new Profile("resp", f.b.baseUrl() + "/v1", ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER,
                new ModelMap(null, null, null, null, "gpt-mock", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("resp", "sk-openai-real");
        f.signalbox.settings().update(s -> s.withActiveProfile("resp"));

        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals("/v1/responses", f.b.last().uri(), "translated for the Responses API");
        assertEquals("gpt-mock", f.b.last().json().path("model").asString());
        assertEquals(502, res.statusCode(), res.body());
        var err = Json.MAPPER.readTree(res.body());
        assertEquals("error", err.path("type").asString());
        assertTrue(err.path("error").path("message").asString().contains("not a Responses API response (JSON without"
                + " \"output\"); check the profile's API format and base URL"), res.body());
    }

    @Test
    void anOpenAiRequestToAnAnthropicProfileIsRefusedClearly() throws Exception {
        var res = f.send(f.post("/v1/chat/completions", "{\"model\":\"x\",\"messages\":[]}"));

        assertEquals(400, res.statusCode());
        assertTrue(res.body().contains("Anthropic Messages"), res.body());
    }

    /** The error an OpenAI client (Codex, an OpenAI SDK) reads: {"error":{"message","type","param","code"}}, nothing else. */
    private static String openAiError(java.net.http.HttpResponse<String> res) {
        var root = Json.MAPPER.readTree(res.body());
        assertFalse(root.has("type"), "not Anthropic-shaped: " + res.body());
        var error = root.path("error");
        for (String field : new String[] {"message", "type", "param", "code"}) {
            assertTrue(error.has(field), field + " in " + res.body());
        }
        return error.path("message").asString();
    }

    @Test
    void errorsTheProxyAnswersItselfOnOpenAiRoutesAreOpenAiShaped() throws Exception {
        // a body the proxy cannot read
        var malformed = f.send(f.post("/p/oai/v1/chat/completions", "{\"model\":"));
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(openAiError(malformed).contains("not valid JSON"), malformed.body());
        // an upstream that cannot be reached
        f.signalbox.profiles().add(new Profile("down", "http://127.0.0.1:9/v1", ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER,
                new ModelMap(null, null, null, null, "gpt-mock", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("down", "sk-openai-down");
        var refused = f.send(f.post("/p/down/v1/responses", "{\"model\":\"gpt-5\",\"input\":\"hi\"}"));
        assertEquals(502, refused.statusCode(), refused.body());
        assertTrue(openAiError(refused).contains("connection refused"), refused.body());
        // an unknown profile
        var unknown = f.send(f.post("/p/nosuch/v1/responses", "{\"model\":\"gpt-5\",\"input\":\"hi\"}"));
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(openAiError(unknown).contains("no profile named 'nosuch'"), unknown.body());
        assertTrue(f.b.seen.isEmpty());
    }
}
