package io.signalbox.preflight;

import io.signalbox.common.Json;
import io.signalbox.profile.ApiFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * What a preflight request looks like in each API format, and what a good answer looks like.
 * Bodies are the smallest each API accepts: Anthropic {@code max_tokens: 1}, Chat Completions
 * {@code max_tokens: 1}, Responses {@code max_output_tokens: 16} (its minimum).
 */
final class Dialect {
    static final String ANTHROPIC_VERSION = "2023-06-01";
    static final String PROMPT = "Reply with the single word: ok";
    static final String TOOL_NAME = "get_time";
    static final String TOOL_PROMPT = "What time is it in UTC? Call the get_time tool to find out.";
    static final int TOOL_MAX_TOKENS = 256;
    private static final ObjectWriter COMPACT = Json.COMPACT;

    private Dialect() {
    }

    /** The models list, or null where the format has none. */
    static URI modelsUri(ApiFormat f, String base) {
        return URI.create(f == ApiFormat.ANTHROPIC ? base + "/v1/models" : base + "/models");
    }

    static URI messageUri(ApiFormat f, String base) {
        return URI.create(switch (f) {
            case ANTHROPIC -> base + "/v1/messages";
            case OPENAI_CHAT -> base + "/chat/completions";
            case OPENAI_RESPONSES -> base + "/responses";
        });
    }

    static String messageBody(ApiFormat f, String model, boolean stream) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("model", model);
        switch (f) {
            case ANTHROPIC -> {
                b.put("max_tokens", 1);
                b.put("messages", List.of(Map.of("role", "user", "content", PROMPT)));
            }
            case OPENAI_CHAT -> {
                b.put("max_tokens", 1);
                b.put("messages", List.of(Map.of("role", "user", "content", PROMPT)));
            }
            case OPENAI_RESPONSES -> {
                b.put("max_output_tokens", 16);
                b.put("input", PROMPT);
                b.put("store", false);
            }
        }
        if (stream) {
            b.put("stream", true);
        }
        return COMPACT.writeValueAsString(b);
    }

    /** A short Anthropic request with Claude Code's {@code "thinking": {"type": "adaptive"}}. */
    /**
     * The {@code max_tokens} Claude Code asks for: the smallest it sends (32,000; more for some models),
     * or the profile's output cap, which {@code use} gives Claude Code (and to which the proxy lowers more).
     */
    static int claudeCodeMaxTokens(io.signalbox.profile.Profile p) {
        return p.maxOutputTokens() == null ? CLAUDE_CODE_MAX_TOKENS : p.maxOutputTokens();
    }

    static final int CLAUDE_CODE_MAX_TOKENS = 32_000;

    /** A request asking for {@code maxTokens} of output (the prompt keeps the answer to one word). */
    static String outputBody(String model, int maxTokens) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("model", model);
        b.put("max_tokens", maxTokens);
        b.put("messages", List.of(Map.of("role", "user", "content", PROMPT)));
        return COMPACT.writeValueAsString(b);
    }

    static String thinkingBody(String model, int maxTokens) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("model", model);
        b.put("max_tokens", maxTokens);
        b.put("thinking", Map.of("type", "adaptive"));
        b.put("messages", List.of(Map.of("role", "user", "content", PROMPT)));
        return COMPACT.writeValueAsString(b);
    }

    static String toolBody(ApiFormat f, String model) {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("zone", Map.of("type", "string", "description", "IANA time zone, e.g. UTC")),
                "required", List.of("zone"));
        String description = "Returns the current time in a time zone.";
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("model", model);
        switch (f) {
            case ANTHROPIC -> {
                b.put("max_tokens", TOOL_MAX_TOKENS);
                b.put("messages", List.of(Map.of("role", "user", "content", TOOL_PROMPT)));
                b.put("tools", List.of(Map.of("name", TOOL_NAME, "description", description, "input_schema", schema)));
            }
            case OPENAI_CHAT -> {
                b.put("max_tokens", TOOL_MAX_TOKENS);
                b.put("messages", List.of(Map.of("role", "user", "content", TOOL_PROMPT)));
                b.put("tools", List.of(Map.of("type", "function", "function",
                        Map.of("name", TOOL_NAME, "description", description, "parameters", schema))));
            }
            case OPENAI_RESPONSES -> {
                b.put("max_output_tokens", TOOL_MAX_TOKENS);
                b.put("input", TOOL_PROMPT);
                b.put("store", false);
                b.put("tools", List.of(Map.of("type", "function", "name", TOOL_NAME,
                        "description", description, "parameters", schema)));
            }
        }
        return COMPACT.writeValueAsString(b);
    }

    /** Whether {@code json} is a normal (non-error) answer in format {@code f}. */
    static boolean isAnswer(ApiFormat f, JsonNode json) {
        return switch (f) {
            case ANTHROPIC -> "message".equals(json.path("type").asString(""));
            case OPENAI_CHAT -> json.path("choices").isArray();
            case OPENAI_RESPONSES -> "response".equals(json.path("object").asString(""))
                    || json.path("output").isArray();
        };
    }

    static boolean hasToolCall(ApiFormat f, JsonNode json) {
        return switch (f) {
            case ANTHROPIC -> anyOfType(json.path("content"), "tool_use");
            case OPENAI_CHAT -> {
                JsonNode calls = json.path("choices").path(0).path("message").path("tool_calls");
                yield calls.isArray() && !calls.isEmpty();
            }
            case OPENAI_RESPONSES -> anyOfType(json.path("output"), "function_call");
        };
    }

    private static boolean anyOfType(JsonNode arr, String type) {
        for (JsonNode n : arr.values()) {
            if (type.equals(n.path("type").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** {@code data[].id} of a models list (both Anthropic and OpenAI use it), or null if it is no list. */
    static List<String> modelIds(JsonNode json) {
        JsonNode data = json.path("data");
        if (!data.isArray()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode n : data.values()) {
            String id = n.path("id").asString("");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Checks a finished event stream: null when it carried events and no error, else what was wrong.
     * An error event after a 200 is still a failure.
     */
    static String streamProblem(List<String> lines) {
        int events = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("event:")) {
                String name = l.substring(6).trim();
                if (name.equals("error") || name.equals("response.failed") || name.equals("response.error")) {
                    String said = i + 1 < lines.size() && lines.get(i + 1).startsWith("data:")
                            ? errorText(lines.get(i + 1).substring(5).trim()) : "";
                    return "the stream ended with an '" + name + "' event" + (said.isEmpty() ? "" : ": " + said);
                }
            } else if (l.startsWith("data:")) {
                events++;
                String data = l.substring(5).trim();
                if (data.startsWith("{") && (data.contains("\"type\":\"error\"") || data.startsWith("{\"error\""))) {
                    String said = errorText(data);
                    return "the stream carried an error event" + (said.isEmpty() ? "" : ": " + said);
                }
            }
        }
        return events == 0 ? "the stream carried no events" : null;
    }

    /** The error type and message inside an event's data, e.g. "overloaded_error: Overloaded". */
    private static String errorText(String data) {
        JsonNode json = Classifier.parse(data);
        if (json == null) {
            return "";
        }
        JsonNode err = json.path("error").isObject() ? json.path("error") : json.path("response").path("error");
        String type = err.path("type").asString(err.path("code").asString(""));
        String message = err.path("message").asString("");
        return Classifier.oneLine(type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message);
    }
}
