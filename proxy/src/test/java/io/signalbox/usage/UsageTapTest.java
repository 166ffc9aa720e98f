package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.event.UsageReport;
import io.signalbox.forward.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tap reads usage from streams however they are split, and error types from error answers. */
class UsageTapTest {
    private static UsageTap tap(Endpoint e, Map<String, String> headers) {
        return new UsageTap(e, name -> headers.get(name));
    }

    private static final String STREAM = "event: message_start\r\ndata: {\"type\":\"message_start\",\"message\":"
            + "{\"model\":\"m\",\"usage\":{\"input_tokens\":7,\"cache_read_input_tokens\":3,\"output_tokens\":1}}}\r\n\r\n"
            + "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"usage\"}}\r\n\r\n"
            + "event: message_delta\r\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":9}}\r\n\r\n"
            + "event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n";

    @Test
    void aStreamFedOneByteAtATimeWithCrlfLineEndsGivesTheSameCounts() {
        UsageTap t = tap(Endpoint.MESSAGES, Map.of("user-agent", "claude-cli/2.1.197", "x-claude-code-session-id", "s"));
        byte[] b = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            t.sse(b, i, 1);
        }

        UsageReport r = t.get();
        assertEquals(7L, r.inputTokens());
        assertEquals(3L, r.cacheReadTokens());
        assertEquals(9L, r.outputTokens());
        assertEquals("m", r.responseModel());
        assertTrue(r.complete());
        assertTrue(r.streamed());
        assertEquals("claude-code", r.client());
        assertEquals("s", r.sessionId());
    }

    @Test
    void anErrorEventInsideAStreamIsRecordedAsItsErrorType() {
        UsageTap t = tap(Endpoint.MESSAGES, Map.of());
        byte[] b = ("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}\n\n")
                .getBytes(StandardCharsets.UTF_8);
        t.sse(b, 0, b.length);

        assertEquals("overloaded_error", t.get().errorClass());
        assertFalse(t.get().complete());
        assertFalse(t.get().reported());
    }

    @Test
    void anUpstreamErrorAnswerGivesItsErrorTypeAndNoTokens() {
        UsageTap t = tap(Endpoint.CHAT_COMPLETIONS, Map.of("originator", "codex_cli_rs"));
        t.body(429, "application/json", "{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"
                .getBytes(StandardCharsets.UTF_8));

        assertEquals("rate_limit_error", t.get().errorClass());
        assertNull(t.get().inputTokens());
        assertEquals("codex", t.get().client());
    }

    @Test
    void aJsonAnswerIsReadForItsTopLevelFieldsOnlyWhateverComesBeforeOrInside() {
        String body = "{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\",\"text\":\"" + "x".repeat(50_000)
                + "\",\"usage\":{\"input_tokens\":999}}],\"model\":\"real-model\",\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":34},\"extra\":{\"model\":\"nested\"}}";

        var n = UsageTap.topLevel(body.getBytes(StandardCharsets.UTF_8));

        assertEquals("real-model", n.path("model").asString());
        assertEquals(12, n.path("usage").path("input_tokens").asInt());
        assertEquals(34, n.path("usage").path("output_tokens").asInt());
        assertFalse(n.has("content"));
        assertNull(UsageTap.topLevel("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertNull(UsageTap.topLevel("{\"usage\":".getBytes(StandardCharsets.UTF_8)));
    }
}
