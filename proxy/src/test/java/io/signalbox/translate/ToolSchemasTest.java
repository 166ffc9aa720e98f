package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.signalbox.common.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tool schemas as each provider accepts them; which provider wants what is known by its host. */
class ToolSchemasTest {
    /** The shape of Claude Code's own tool schemas (zod → JSON Schema draft 7). */
    static final String CLAUDE_CODE_SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
            + "\"additionalProperties\":false,\"required\":[\"url\",\"prompt\"],\"properties\":{"
            + "\"url\":{\"type\":\"string\",\"format\":\"uri\",\"description\":\"The URL\"},"
            + "\"prompt\":{\"type\":\"string\"},"
            + "\"when\":{\"type\":\"string\",\"format\":\"date-time\"},"
            + "\"limit\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"maximum\":100},"
            + "\"mode\":{\"const\":\"fast\"},"
            + "\"note\":{\"type\":[\"string\",\"null\"]},"
            + "\"type\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]},"
            + "\"edits\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"additionalProperties\":false,"
            + "\"properties\":{\"old\":{\"type\":\"string\"}},\"propertyNames\":{\"pattern\":\"^o\"}}},"
            + "\"either\":{\"anyOf\":[{\"type\":\"string\",\"format\":\"email\"},{\"type\":\"integer\"}]}}}";

    private static JsonNode json(String s) {
        return Json.MAPPER.readTree(s);
    }

    private static JsonNode parameters(String host) {
        byte[] body = ("{\"model\":\"m\",\"max_tokens\":32000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"name\":\"WebFetch\",\"input_schema\":" + CLAUDE_CODE_SCHEMA + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        return Json.MAPPER.readTree(ChatRequest.fromAnthropic(body, ChatDialect.forHost(host)));
    }

    @Test
    void everyProviderGetsTheSchemaWithoutItsMetaSchemaUrlAndOtherwiseAsItIs() {
        JsonNode out = parameters("api.groq.com");
        JsonNode expected = json(CLAUDE_CODE_SCHEMA);
        ((tools.jackson.databind.node.ObjectNode) expected).remove("$schema");
        assertEquals(expected, out.path("tools").get(0).path("function").path("parameters"));
        assertEquals(32000, out.path("max_tokens").asInt());
        assertFalse(out.has("max_completion_tokens"));
    }

    @Test
    void geminiGetsOnlyTheSchemaSubsetItAccepts() {
        JsonNode p = parameters("generativelanguage.googleapis.com").path("tools").get(0).path("function").path("parameters");
        assertEquals(json("{\"type\":\"object\",\"required\":[\"url\",\"prompt\"],\"properties\":{"
                + "\"url\":{\"type\":\"string\",\"description\":\"The URL\"},"
                + "\"prompt\":{\"type\":\"string\"},"
                + "\"when\":{\"type\":\"string\",\"format\":\"date-time\"},"
                + "\"limit\":{\"type\":\"number\",\"maximum\":100},"
                + "\"mode\":{\"enum\":[\"fast\"],\"type\":\"string\"},"
                + "\"note\":{\"type\":\"string\",\"nullable\":true},"
                + "\"type\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]},"
                + "\"edits\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"old\":{\"type\":\"string\"}}}},"
                + "\"either\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}}"), p);
    }

    @Test
    void openAisOwnApiGetsTheOutputLimitAsMaxCompletionTokens() {
        for (String host : new String[] {"api.openai.com", "mycompany.openai.azure.com"}) {
            JsonNode out = parameters(host);
            assertEquals(32000, out.path("max_completion_tokens").asInt(), host);
            assertFalse(out.has("max_tokens"), host);
        }
    }

    @Test
    void theInputIsNotChanged() {
        JsonNode in = json(CLAUDE_CODE_SCHEMA);
        JsonNode before = in.deepCopy();
        ToolSchemas.parameters(in, ChatDialect.forHost("generativelanguage.googleapis.com"));
        ToolSchemas.parameters(in, ChatDialect.COMMON);
        assertEquals(before, in);
    }
}
