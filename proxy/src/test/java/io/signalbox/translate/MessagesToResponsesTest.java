package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Claude Code's Messages requests as OpenAI Responses API requests. */
class MessagesToResponsesTest {
    private static JsonNode translate(String json) {
        return Json.MAPPER.readTree(MessagesToResponses.translate(json.getBytes(StandardCharsets.UTF_8)).body());
    }

    @Test
    void imagesBecomeInputImagesAndASystemMessageBetweenTheTurnsAReminderInTheUserTurn() {
        JsonNode out = translate("{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"what is this?\"},{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/png\",\"data\":\"iVBORw0\"}}]},{\"role\":\"system\",\"content\":\"Be kind.\"}]}");
        assertEquals("[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"what is"
                + " this?\"},{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,iVBORw0\"},{\"type\":"
                + "\"input_text\",\"text\":\"<system-reminder>\\nBe kind.\\n</system-reminder>\"}]}]", out.path("input").toString());
        assertEquals(16, out.path("max_output_tokens").asInt(), "the Responses API's floor");
        assertFalse(out.has("instructions"), "no system prompt");
        assertFalse(out.has("stream"));
    }

    @Test
    void aNamedToolChoiceAndParallelCallsTakeTheResponsesShape() {
        JsonNode out = translate("{\"model\":\"m\",\"max_tokens\":100,\"stream\":true,\"tools\":[{\"name\":\"Read\","
                + "\"input_schema\":{\"type\":\"object\"}},{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
                + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"Read\",\"disable_parallel_tool_use\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(1, out.path("tools").size(), "a server tool has no Responses function form");
        assertEquals("{\"type\":\"function\",\"name\":\"Read\"}", out.path("tool_choice").toString());
        assertFalse(out.path("parallel_tool_calls").asBoolean(true));
        assertTrue(out.path("stream").asBoolean());
        assertFalse(out.has("stream_options"), "Responses streams carry usage in response.completed");
    }

    @Test
    void aMalformedRequestIsRefusedAsForChatCompletions() {
        Rejection r = assertThrows(Rejection.class, () -> translate("{\"model\":\"m\",\"messages\":{}}"));
        assertEquals(400, r.status());
        assertTrue(r.getMessage().contains("\"messages\" that is not an array"), r.getMessage());
    }
}
