package io.signalbox.translate;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates an Anthropic Messages request body (what Claude Code sends) into an OpenAI Chat
 * Completions request body, for providers that only speak Chat Completions.
 *
 * <p>What is translated:
 * <ul>
 *   <li>{@code model} is copied; {@code system} (a string, or text blocks joined with a blank line)
 *       becomes a leading {@code system} message.</li>
 *   <li>User messages: text blocks become text parts (a lone text part becomes a plain string),
 *       images (base64 or URL) become {@code image_url} parts, text documents become text parts, and
 *       every {@code tool_result} becomes its own {@code tool} message, placed <em>before</em> the user
 *       message built from the remaining blocks, because Chat Completions wants tool messages right
 *       after the assistant message that made the calls.</li>
 *   <li>System messages between the turns (Claude Code 2.1 sends some) go into the user turn before them,
 *       inside {@code <system-reminder>} tags: many servers refuse a system message after the first turn.</li>
 *   <li>Assistant messages: text blocks become {@code content}, {@code tool_use} blocks become
 *       {@code tool_calls} (input serialised as a compact JSON string), and {@code thinking} blocks
 *       become {@code reasoning_content}, which DeepSeek's thinking mode needs sent back on tool turns.</li>
 *   <li>Client tools become {@code function} tools; {@code tool_choice} and
 *       {@code disable_parallel_tool_use} become {@code tool_choice} and {@code parallel_tool_calls}.</li>
 *   <li>{@code max_tokens}, {@code temperature}, {@code top_p} are copied, {@code stop_sequences}
 *       becomes {@code stop}, a short string {@code metadata.user_id} becomes {@code user}, and
 *       {@code stream: true} also asks for {@code stream_options.include_usage}, without which a
 *       stream carries no token usage.</li>
 * </ul>
 *
 * <p>What is dropped, because Chat Completions has no place for it: Anthropic server tools (those
 * without an {@code input_schema}, such as web search) and their result blocks, {@code redacted_thinking}
 * (encrypted for Anthropic only), {@code cache_control} (prompt caching is automatic or absent on these
 * providers), {@code top_k}, and every other top-level member ({@code thinking},
 * {@code context_management}, {@code output_config}, {@code service_tier}, {@code container},
 * {@code mcp_servers}, and anything unknown), which a Chat Completions provider would refuse or ignore.
 *
 * <p>The output is compact JSON in UTF-8 with {@code model} and {@code messages} first. Messages are
 * kept one for one, in order (plus the extra tool messages); consecutive messages of one role are not merged.
 *
 * <p>A body that is not one JSON object, or whose {@code messages} is not an array of
 * {@code {role: user|assistant|system, content: string|blocks}} objects, is a {@link Rejection} (400) saying
 * what is wrong and where, never quoting the client's text. Malformed optional members are ignored.
 */
public final class ChatRequest {
    /** Chat Completions' {@code user} field takes at most this many characters. */
    static final int MAX_USER_CHARS = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChatRequest() {
    }

    /** An Anthropic Messages request body (JSON object) as an OpenAI Chat Completions request body (compact JSON, UTF-8). */
    public static byte[] fromAnthropic(byte[] messagesJson) {
        return fromAnthropic(messagesJson, ChatDialect.COMMON);
    }

    /** As {@link #fromAnthropic(byte[])}, in the dialect of one provider (its tool schemas, its output limit). */
    public static byte[] fromAnthropic(byte[] messagesJson, ChatDialect dialect) {
        return translate(messagesJson, dialect).body();
    }

    /** A Messages request translated: the Chat Completions body, and whether the client asked for a stream. */
    public record Translated(byte[] body, boolean stream) {
    }

    /** As {@link #fromAnthropic(byte[], ChatDialect)}, saying also whether the client asked for a stream. */
    public static Translated translate(byte[] messagesJson, ChatDialect dialect) {
        ObjectNode out = tree(messagesJson, dialect);
        return new Translated(Json.COMPACT.writeValueAsBytes(out), out.has("stream"));
    }

    /** The Chat Completions request as a tree (for a translation that goes on from it). */
    static ObjectNode tree(byte[] messagesJson, ChatDialect dialect) {
        JsonNode in = RequestJson.object(messagesJson, "{\"model\": \"...\", \"messages\": [...]}");
        JsonNode messages = in.path("messages");
        if (!messages.isArray()) {
            throw Rejection.invalidRequest("the request body has " + (messages.isMissingNode() ? "no \"messages\""
                    : "a \"messages\" that is not an array") + "; send \"messages\" as an array of"
                    + " {\"role\": \"user\" or \"assistant\", \"content\": ...} objects");
        }

        ObjectNode out = NODES.objectNode();
        if (in.has("model")) {
            out.set("model", in.get("model"));
        }
        ArrayNode chat = out.putArray("messages");
        String system = systemText(in.path("system"));
        if (!system.isEmpty()) {
            chat.addObject().put("role", "system").put("content", system);
        }
        int i = 0;
        for (JsonNode m : messages) {
            message(m, i++, chat);
        }

        RequestJson.copyIfPresent(in, "max_tokens", out, dialect.maxCompletionTokens() ? "max_completion_tokens" : "max_tokens");
        RequestJson.copyIfPresent(in, "temperature", out, "temperature");
        RequestJson.copyIfPresent(in, "top_p", out, "top_p");
        ArrayNode stop = NODES.arrayNode();
        for (JsonNode s : RequestJson.array(in.path("stop_sequences"))) {
            if (s.isString()) {
                stop.add(s.stringValue());
            }
        }
        if (!stop.isEmpty()) {
            out.set("stop", stop);
        }
        if (in.path("stream").isBoolean() && in.path("stream").booleanValue()) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        tools(in, out, dialect);
        JsonNode user = in.path("metadata").path("user_id");
        if (user.isString() && user.stringValue().length() <= MAX_USER_CHARS) {
            out.put("user", user.stringValue());
        }
        return out;
    }


    /** The system prompt as one string: a string as is, or the texts of its text blocks joined with a blank line. */
    private static String systemText(JsonNode system) {
        if (system.isString()) {
            return system.stringValue();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode b : RequestJson.array(system)) {
            String t = text(b);
            if (t != null && !t.isEmpty()) {
                texts.add(t);
            }
        }
        return String.join("\n\n", texts);
    }

    /** Appends the Chat Completions messages for Anthropic message number {@code index}. */
    private static void message(JsonNode m, int index, ArrayNode chat) {
        String where = "messages[" + index + "]";
        if (!m.isObject()) {
            throw Rejection.invalidRequest(where + " is not an object; send each message as"
                    + " {\"role\": \"user\" or \"assistant\", \"content\": ...}");
        }
        // The role is not echoed back: it is the client's text.
        String role = m.path("role").isString() ? m.path("role").stringValue() : "";
        if (!role.equals("user") && !role.equals("assistant") && !role.equals("system")) {
            throw Rejection.invalidRequest(where + " has " + (m.has("role") ? "an unsupported" : "no") + " \"role\";"
                    + " a message's role must be \"user\", \"assistant\" or \"system\"");
        }
        JsonNode content = m.path("content");
        if (!content.isString() && !content.isArray()) {
            throw Rejection.invalidRequest(where + ".content must be a string or an array of content blocks");
        }
        if (role.equals("system")) {
            midConversationSystem(systemText(content), chat);
        } else if (content.isString()) {
            chat.addObject().put("role", role).put("content", content.stringValue());
        } else if (role.equals("user")) {
            userBlocks(content, chat);
        } else {
            assistantBlocks(content, chat);
        }
    }

    /**
     * A system message between the turns (Claude Code 2.1 sends some: agent lists, reminders). Many
     * Chat Completions servers refuse a system message after the first turn (chat templates that say
     * "System message must be at the beginning"), so its text goes where Claude Code used to put such
     * text: in a user turn, inside {@code <system-reminder>} tags — appended to the user message just
     * before it, or as a user message of its own.
     */
    private static void midConversationSystem(String text, ArrayNode chat) {
        if (text.isEmpty()) {
            return;
        }
        String reminder = "<system-reminder>\n" + text + "\n</system-reminder>";
        JsonNode last = chat.isEmpty() ? null : chat.get(chat.size() - 1);
        if (last instanceof ObjectNode user && "user".equals(user.path("role").asString(""))) {
            JsonNode c = user.path("content");
            if (c.isString()) {
                user.put("content", c.stringValue() + "\n\n" + reminder);
                return;
            }
            if (c instanceof ArrayNode parts) {
                parts.addObject().put("type", "text").put("text", reminder);
                return;
            }
        }
        chat.addObject().put("role", "user").put("content", reminder);
    }

    /** One tool message per tool_result, then one user message from the other blocks (if any remain). */
    private static void userBlocks(JsonNode blocks, ArrayNode chat) {
        ArrayNode parts = NODES.arrayNode();
        for (JsonNode b : blocks) {
            switch (RequestJson.type(b)) {
                case "text" -> {
                    String t = text(b);
                    if (t != null) {
                        parts.addObject().put("type", "text").put("text", t);
                    }
                }
                case "image" -> {
                    String url = imageUrl(b.path("source"));
                    if (url != null) {
                        parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                    }
                }
                case "document" -> {
                    JsonNode source = b.path("source");
                    if ("text".equals(RequestJson.type(source)) && source.path("data").isString()) {
                        parts.addObject().put("type", "text").put("text", source.path("data").stringValue());
                    }
                }
                case "tool_result" -> chat.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", b.path("tool_use_id").isString() ? b.path("tool_use_id").stringValue() : "")
                        .put("content", toolResultText(b));
                default -> {
                    // search_result, server tool results, unknown blocks: no Chat Completions equivalent
                }
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode user = chat.addObject().put("role", "user");
        if (parts.size() == 1 && "text".equals(RequestJson.type(parts.get(0)))) {
            user.put("content", parts.get(0).path("text").stringValue());
        } else {
            user.set("content", parts);
        }
    }

    /** A data: URL for a base64 image, the URL itself for a URL image, else null (file ids cannot be sent on). */
    private static String imageUrl(JsonNode source) {
        return switch (RequestJson.type(source)) {
            case "base64" -> source.path("data").isString()
                    ? "data:" + (source.path("media_type").isString() ? source.path("media_type").stringValue() : "image/png")
                            + ";base64," + source.path("data").stringValue()
                    : null;
            case "url" -> source.path("url").isString() ? source.path("url").stringValue() : null;
            default -> null;
        };
    }

    /** A tool result's content as text: a string as is, else its texts joined by newlines, images as "[image]". */
    private static String toolResultText(JsonNode result) {
        JsonNode content = result.path("content");
        String text;
        if (content.isString()) {
            text = content.stringValue();
        } else {
            List<String> texts = new ArrayList<>();
            for (JsonNode b : RequestJson.array(content)) {
                switch (RequestJson.type(b)) {
                    case "text" -> {
                        String t = text(b);
                        if (t != null) {
                            texts.add(t);
                        }
                    }
                    case "image" -> texts.add("[image]");
                    default -> {
                    }
                }
            }
            text = String.join("\n", texts);
        }
        if (result.path("is_error").isBoolean() && result.path("is_error").booleanValue()
                && !text.toLowerCase(Locale.ROOT).startsWith("error")) {
            text = "Error: " + text;
        }
        return text;
    }

    /** One assistant message: text as content, tool_use as tool_calls, thinking as reasoning_content. */
    private static void assistantBlocks(JsonNode blocks, ArrayNode chat) {
        StringBuilder text = new StringBuilder();
        List<String> thinking = new ArrayList<>();
        ArrayNode calls = NODES.arrayNode();
        for (JsonNode b : blocks) {
            switch (RequestJson.type(b)) {
                case "text" -> {
                    String t = text(b);
                    if (t != null) {
                        text.append(t);
                    }
                }
                case "tool_use" -> {
                    JsonNode input = b.path("input");
                    ObjectNode call = calls.addObject()
                            .put("id", b.path("id").isString() ? b.path("id").stringValue() : "")
                            .put("type", "function");
                    call.putObject("function")
                            .put("name", b.path("name").isString() ? b.path("name").stringValue() : "")
                            .put("arguments", input.isObject() ? Json.COMPACT.writeValueAsString(input) : "{}");
                }
                case "thinking" -> {
                    if (b.path("thinking").isString() && !b.path("thinking").stringValue().isEmpty()) {
                        thinking.add(b.path("thinking").stringValue());
                    }
                }
                default -> {
                    // redacted_thinking (encrypted for Anthropic only), server tool blocks, unknown blocks
                }
            }
        }
        ObjectNode assistant = chat.addObject().put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            assistant.putNull("content");
        } else {
            assistant.put("content", text.toString());
        }
        if (!thinking.isEmpty()) {
            assistant.put("reasoning_content", String.join("\n", thinking));
        }
        if (!calls.isEmpty()) {
            assistant.set("tool_calls", calls);
        }
    }

    /** Client tools as function tools, with tool_choice and parallel_tool_calls; nothing when no client tool remains. */
    private static void tools(JsonNode in, ObjectNode out, ChatDialect dialect) {
        ArrayNode tools = NODES.arrayNode();
        for (JsonNode t : RequestJson.array(in.path("tools"))) {
            if (!t.path("input_schema").isObject()) {
                continue; // a server tool (web search, code execution, …): Anthropic runs those, the provider cannot
            }
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", t.path("name").isString() ? t.path("name").stringValue() : "");
            if (t.path("description").isString()) {
                function.put("description", t.path("description").stringValue());
            }
            function.set("parameters", ToolSchemas.parameters(t.path("input_schema"), dialect));
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode choice = in.path("tool_choice");
        switch (RequestJson.type(choice)) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", choice.path("name").isString() ? choice.path("name").stringValue() : "");
            default -> {
            }
        }
        if (choice.path("disable_parallel_tool_use").isBoolean() && choice.path("disable_parallel_tool_use").booleanValue()) {
            out.put("parallel_tool_calls", false);
        }
    }




    /** A text block's text, or null when it is not a text block with a string text. */
    private static String text(JsonNode block) {
        JsonNode t = block.path("text");
        return "text".equals(RequestJson.type(block)) && t.isString() ? t.stringValue() : null;
    }
}
