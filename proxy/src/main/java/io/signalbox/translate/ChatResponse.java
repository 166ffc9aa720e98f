package io.signalbox.translate;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's OpenAI Chat Completions answer as an Anthropic Messages answer: a whole 2xx body
 * ({@link #toAnthropic}) and an error answer ({@link #error}). The streamed form is
 * {@link ChatStream}, which shares the stop reason and usage rules kept here.
 *
 * <p>Usage: OpenAI's {@code prompt_tokens} include the cached tokens, Anthropic's
 * {@code input_tokens} exclude them, so the cached part is subtracted here, once.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/chat/object">Chat Completions object</a>
 * @see <a href="https://docs.anthropic.com/en/api/messages">Anthropic Messages</a>
 */
public final class ChatResponse {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How much of an upstream's text a message quotes at most (its answer may echo the prompt). */
    static final int QUOTE_CHARS = 200;
    /** An upstream's own error message is kept up to this length. */
    private static final int MESSAGE_CHARS = 2000;
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    /** Anthropic's error types, which an upstream's own type may already be. */
    static final Set<String> ANTHROPIC_ERROR_TYPES = Set.of("invalid_request_error", "authentication_error",
            "billing_error", "permission_error", "not_found_error", "request_too_large", "rate_limit_error",
            "api_error", "timeout_error", "overloaded_error");

    private ChatResponse() {
    }

    /** A 2xx Chat Completions body (non-streaming) as an Anthropic Messages response body (compact JSON). */
    public static byte[] toAnthropic(byte[] chatJson) {
        return toAnthropic(chatJson, "");
    }

    /** As {@link #toAnthropic(byte[])}, a thinking block signed {@code signature} (the upstream has none to give). */
    public static byte[] toAnthropic(byte[] chatJson, String signature) {
        JsonNode root = chatCompletion(chatJson);
        JsonNode choices = root.path("choices");
        JsonNode message = choices.get(0).path("message");

        ObjectNode out = NODES.objectNode();
        out.put("id", messageId(root.path("id")));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", model(root.path("model")));
        ArrayNode content = out.putArray("content");
        String reasoning = reasoning(message);
        if (!reasoning.isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", reasoning)
                    .put("signature", signature == null ? "" : signature);
        }
        String text = text(message.path("content"));
        if (text.isEmpty()) {
            text = text(message.path("refusal"));
        }
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        boolean tools = false;
        for (JsonNode call : message.path("tool_calls")) {
            if (!call.isObject()) {
                continue;
            }
            JsonNode fn = call.path("function");
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", toolId(call.path("id")));
            use.put("name", fn.path("name").isString() ? fn.path("name").stringValue() : "");
            use.set("input", arguments(fn.path("arguments")));
            tools = true;
        }
        if (content.isEmpty()) {
            content.addObject().put("type", "text").put("text", "");
        }
        out.put("stop_reason", stopReason(choices.get(0).path("finish_reason"), tools));
        out.putNull("stop_sequence");
        out.set("usage", usage(root.path("usage")));
        return Json.COMPACT.writeValueAsBytes(out);
    }

    /**
     * An upstream error answer (any status >= 400, any body: OpenAI-shaped
     * {@code {"error":{"message","type","code"}}}, another JSON, plain text, HTML, empty) as an
     * Anthropic error body {@code {"type":"error","error":{"type":T,"message":M}}}. T follows the
     * status ({@link #errorType}); M is the upstream's own message when it has one, else a short,
     * printable quote of its text, else words naming the status.
     */
    public static byte[] error(int status, byte[] body) {
        String message = errorMessage(status, body);
        boolean tooLong = TOO_LONG.matcher(message).find()
                || (body != null && new String(body, StandardCharsets.UTF_8).contains("context_length_exceeded"));
        if ((status == 400 || status == 413) && tooLong && !message.startsWith(PROMPT_TOO_LONG)) {
            // Claude Code compacts the conversation and retries when Anthropic's words say so; a Chat
            // Completions provider words it its own way ("maximum context length", "context_length_exceeded")
            message = PROMPT_TOO_LONG + ": " + message;
        }
        ObjectNode out = NODES.objectNode();
        out.put("type", "error");
        out.putObject("error").put("type", errorType(status)).put("message", message);
        return Json.COMPACT.writeValueAsBytes(out);
    }

    /** How Anthropic begins the message of a request over the model's context window. */
    static final String PROMPT_TOO_LONG = "prompt is too long";
    /** How Chat Completions providers say a request is over the model's context window. */
    private static final Pattern TOO_LONG = Pattern.compile("context[ _]length|context window|maximum context"
            + "|prompt is too long|too many tokens|input is too long|tokens? exceeds?|exceeds? the (?:model's )?(?:max|limit)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Anthropic's error type for an HTTP status: 400 invalid_request_error, 401 authentication_error,
     * 403 permission_error, 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 503 and
     * 529 overloaded_error, other 5xx api_error, other 4xx invalid_request_error (and api_error for a
     * status that is no error at all).
     */
    public static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    // ---- shared with ChatStream ----

    /** Anthropic's stop reason for a Chat Completions {@code finish_reason}. */
    static String stopReason(JsonNode finishReason, boolean toolCalls) {
        String f = finishReason.isString() ? finishReason.stringValue() : "";
        return switch (f) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            // "stop" too: some servers (older Ollama, some vLLM builds) say "stop" after tool calls
            default -> toolCalls ? "tool_use" : "end_turn";
        };
    }

    /**
     * Anthropic usage for a Chat Completions {@code usage} (zeros when missing): the cached part is
     * {@code prompt_tokens_details.cached_tokens}, else DeepSeek's {@code prompt_cache_hit_tokens};
     * it is subtracted from {@code prompt_tokens} once, never below zero.
     */
    static ObjectNode usage(JsonNode u) {
        long prompt = count(u.path("prompt_tokens"));
        JsonNode details = u.path("prompt_tokens_details").path("cached_tokens");
        long cached = details.isNumber() ? count(details) : count(u.path("prompt_cache_hit_tokens"));
        ObjectNode out = NODES.objectNode();
        out.put("input_tokens", Math.max(0, prompt - cached));
        out.put("output_tokens", count(u.path("completion_tokens")));
        out.put("cache_read_input_tokens", cached);
        out.put("cache_creation_input_tokens", 0);
        return out;
    }

    /** "msg_" and the upstream's id, kept to the characters an Anthropic id has; a random one without. */
    static String messageId(JsonNode id) {
        String clean = id.isString() ? NOT_ID.matcher(id.stringValue()).replaceAll("") : "";
        if (clean.length() > 100) {
            clean = clean.substring(0, 100);
        }
        return "msg_" + (clean.isEmpty() ? random(24) : clean);
    }

    /** The upstream's tool call id as it is (the next request hands it back), or a generated one. */
    static String toolId(JsonNode id) {
        return id.isString() && !id.stringValue().isBlank() ? id.stringValue() : "toolu_" + random(24);
    }

    /** The upstream's model name, or "unknown". */
    static String model(JsonNode model) {
        return model.isString() && !model.stringValue().isBlank() ? model.stringValue() : "unknown";
    }

    /**
     * The reasoning text of a message or delta: {@code reasoning_content} (DeepSeek, Qwen, Kimi, GLM)
     * or else {@code reasoning} (OpenRouter, newer vLLM) — one of them, as gateways may send both.
     */
    static String reasoning(JsonNode m) {
        String r = text(m.path("reasoning_content"));
        return r.isEmpty() ? text(m.path("reasoning")) : r;
    }

    /** A content value's text: a string as it is, an array of parts joined (text parts only), else "". */
    static String text(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isString()) {
                b.append(part.stringValue());
            } else if (part.path("text").isString()
                    && (part.path("type").isMissingNode() || "text".equals(part.path("type").asString("")))) {
                b.append(part.path("text").stringValue());
            }
        }
        return b.toString();
    }

    /** A random id part of Anthropic's alphabet. */
    static String random(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ID_CHARS.charAt(r.nextInt(ID_CHARS.length())));
        }
        return b.toString();
    }

    // ---- internals ----

    /**
     * A tool call's arguments as a tool input: parsed as a JSON object; empty, missing, null or
     * unparsable arguments give {}; another JSON value is wrapped as {"value": it}.
     */
    private static ObjectNode arguments(JsonNode args) {
        JsonNode value = args;
        if (args.isString()) {
            String s = args.stringValue();
            if (s.isBlank()) {
                return NODES.objectNode();
            }
            try {
                value = Json.MAPPER.readTree(s);
            } catch (JacksonException e) {
                return NODES.objectNode();
            }
        }
        if (value == null || value.isMissingNode() || value.isNull()) {
            return NODES.objectNode();
        }
        if (value.isObject()) {
            return (ObjectNode) value;
        }
        ObjectNode wrapped = NODES.objectNode();
        wrapped.set("value", value);
        return wrapped;
    }

    /** A token count: a non-negative whole number, 0 when it is not a number. */
    static long count(JsonNode n) {
        if (!n.isNumber()) {
            return 0;
        }
        long v = n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : (long) n.doubleValue();
        return Math.max(0, v);
    }

    /**
     * {@code chatJson} parsed, when it is a Chat Completions answer (an object with a non-empty
     * {@code choices} array); otherwise the 502 that says what the body was instead.
     */
    static JsonNode chatCompletion(byte[] chatJson) {
        JsonNode root = parse(chatJson);
        JsonNode choices = root == null ? null : root.path("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty() || !choices.get(0).isObject()) {
            throw notChatCompletions(chatJson, root);
        }
        return root;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            return n == null || n.isMissingNode() ? null : n;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Rejection notChatCompletions(byte[] body, JsonNode root) {
        String what;
        if (root != null && root.isObject() && root.has("error") && !root.path("choices").isArray()) {
            String m = upstreamMessage(root);
            what = "an error" + (m == null ? "" : ": \"" + quote(m, QUOTE_CHARS) + "\"");
        } else if (body == null || blank(body)) {
            what = "an empty body";
        } else if (root == null) {
            String text = new String(body, 0, Math.min(body.length, 4 * QUOTE_CHARS), StandardCharsets.UTF_8).strip();
            Matcher t = TITLE.matcher(text);
            what = text.startsWith("<")
                    ? "an HTML page" + (t.find() ? " titled \"" + quote(unescapeHtml(t.group(1)), QUOTE_CHARS) + "\"" : "")
                    : "not JSON, it begins \"" + quote(text, QUOTE_CHARS) + "\"";
        } else {
            what = "JSON without \"choices\"";
        }
        return Rejection.api(502, "the upstream's answer was not a Chat Completions response (" + what
                + "); check the profile's API format and base URL");
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String errorMessage(int status, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "the upstream answered HTTP " + status + " with an empty body";
        }
        JsonNode root = parse(body);
        if (root != null && (root.isObject() || root.isArray())) {
            String m = upstreamMessage(root.isArray() && !root.isEmpty() ? root.get(0) : root);
            return m != null ? quote(m, MESSAGE_CHARS)
                    : "the upstream answered HTTP " + status + ": " + quote(text, QUOTE_CHARS);
        }
        if (text.startsWith("<")) {
            Matcher t = TITLE.matcher(text);
            String title = t.find() ? TAG.matcher(t.group(1)).replaceAll(" ").strip() : "";
            return "the upstream answered HTTP " + status + " with an HTML page"
                    + (title.isEmpty() ? "" : " titled \"" + quote(unescapeHtml(title), QUOTE_CHARS) + "\"");
        }
        return "the upstream answered HTTP " + status + ": " + quote(text, QUOTE_CHARS);
    }

    /**
     * The message of an error object: {@code error.message} (OpenAI and most others), {@code error}
     * as a string, {@code message} or {@code detail} at the top level (vLLM, FastAPI servers); null
     * when none of them is a non-blank string.
     */
    static String upstreamMessage(JsonNode root) {
        JsonNode e = root.path("error");
        for (JsonNode m : new JsonNode[] {e.path("message"), e, root.path("message"), root.path("detail"),
                e.path("type"), e.path("code")}) {
            if (m.isString() && !m.stringValue().isBlank()) {
                return m.stringValue();
            }
        }
        return null;
    }

    /**
     * Text from an upstream on one line: runs of white space as one space, control and format
     * characters dropped, cut to {@code max} characters (and "…").
     */
    static String quote(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                continue; // escape sequences, bidirectional overrides: dropped
            }
            if (b.length() + (space ? 1 : 0) >= max) {
                if (Character.isHighSurrogate(b.charAt(b.length() - 1))) {
                    b.setLength(b.length() - 1);
                }
                return b.append('…').toString();
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String unescapeHtml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }
}
