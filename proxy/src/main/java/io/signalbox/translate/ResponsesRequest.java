package io.signalbox.translate;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates an OpenAI Responses request body (what the Codex CLI sends to {@code POST /v1/responses})
 * into an OpenAI Chat Completions request body, for providers that only speak Chat Completions.
 *
 * <p>What is translated:
 * <ul>
 *   <li>{@code model} is copied; {@code instructions} becomes a leading {@code system} message.</li>
 *   <li>A string {@code input} becomes one user message. An array {@code input} is translated item by
 *       item, in order. Messages keep their role ({@code developer}, which Codex uses for its system
 *       prompt, becomes {@code system}); their text parts become text (assistant and system: one
 *       string; user: text parts, a lone one as a plain string) and user images with a URL become
 *       {@code image_url} parts.</li>
 *   <li>{@code function_call} and {@code custom_tool_call} items become {@code tool_calls} of one assistant
 *       message: consecutive calls share it, and so does the assistant message right before them when it
 *       has no calls yet (text, then calls, as Chat models produce them). A custom tool's freeform input is
 *       sent as the arguments {@code {"input": ...}}.</li>
 *   <li>{@code function_call_output} and {@code custom_tool_call_output} items become {@code tool} messages.</li>
 *   <li>A {@code reasoning} item's text (its raw content, else its summary) becomes the
 *       {@code reasoning_content} of the next assistant message, which DeepSeek's thinking mode needs sent
 *       back on tool turns.</li>
 *   <li>{@code function} tools stay function tools; {@code custom} (freeform) tools become function tools
 *       taking one string, {@code input}, and their names are returned so that the answer's calls of them
 *       can be turned back into custom tool calls. {@code tool_choice} and {@code parallel_tool_calls}
 *       are carried over.</li>
 *   <li>{@code max_output_tokens} becomes the output limit, {@code temperature} and {@code top_p} are
 *       copied, and {@code stream: true} also asks for {@code stream_options.include_usage}, without
 *       which a stream carries no token usage.</li>
 * </ul>
 *
 * <p>What is dropped, because Chat Completions has no place for it: hosted and other non-function tools
 * ({@code web_search}, {@code local_shell}, {@code file_search}, {@code mcp}, {@code namespace}, …) and the
 * items they produce, {@code item_reference}s, files, {@code encrypted_content} (readable by OpenAI only),
 * and every other top-level member ({@code reasoning}, {@code store}, {@code include},
 * {@code prompt_cache_key}, {@code text}, {@code metadata}, {@code client_metadata}, {@code service_tier},
 * {@code truncation}, {@code previous_response_id}, {@code user}, and anything unknown). Codex sends
 * {@code store: false} and the whole history each turn, so {@code previous_response_id} is not needed.
 *
 * <p>The output is compact JSON in UTF-8 with {@code model} and {@code messages} first.
 *
 * <p>A body that is not one JSON object, whose {@code input} is neither a string nor an array, or whose
 * messages are not objects with a known role and a string or array content, is a {@link Rejection} (400)
 * saying what is wrong and where, never quoting the client's text. Malformed optional members are ignored.
 */
public final class ResponsesRequest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Appended to a custom tool's description, so that the model knows where its freeform input goes. */
    static final String CUSTOM_TOOL_HINT = "Put the whole input in the `input` string.";

    private ResponsesRequest() {
    }

    /** A Responses request translated: the Chat Completions body, the names of the request's custom (freeform) tools, and whether it streams. */
    public record Translated(byte[] body, Set<String> customTools, boolean stream) {
    }

    /** A Responses API request body (JSON object) as a Chat Completions request body (compact JSON, UTF-8), in the provider's dialect. */
    public static Translated toChat(byte[] responsesJson, ChatDialect dialect) {
        JsonNode in = RequestJson.object(responsesJson, "{\"model\": \"...\", \"input\": [...]}");
        JsonNode input = in.path("input");
        if (!input.isString() && !input.isArray()) {
            throw Rejection.invalidRequest("the request body has " + (input.isMissingNode() ? "no \"input\""
                    : "an \"input\" that is neither a string nor an array") + "; send \"input\" as a string or as an"
                    + " array of items such as {\"type\": \"message\", \"role\": \"user\", \"content\": ...}");
        }

        ObjectNode out = NODES.objectNode();
        if (in.has("model")) {
            out.set("model", in.get("model"));
        }
        ArrayNode chat = out.putArray("messages");
        JsonNode instructions = in.path("instructions");
        if (instructions.isString() && !instructions.stringValue().isEmpty()) {
            chat.addObject().put("role", "system").put("content", instructions.stringValue());
        }
        if (input.isString()) {
            chat.addObject().put("role", "user").put("content", input.stringValue());
        } else {
            new Items(chat).addAll(input);
        }

        RequestJson.copyIfPresent(in, "max_output_tokens", out, dialect.maxCompletionTokens() ? "max_completion_tokens" : "max_tokens");
        RequestJson.copyIfPresent(in, "temperature", out, "temperature");
        RequestJson.copyIfPresent(in, "top_p", out, "top_p");
        boolean stream = in.path("stream").isBoolean() && in.path("stream").booleanValue();
        if (stream) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        Set<String> customTools = tools(in, out, dialect);
        return new Translated(Json.COMPACT.writeValueAsBytes(out), customTools, stream);
    }


    /** The Chat Completions messages built from the input items, with what the next item may attach to. */
    private static final class Items {
        private final ArrayNode chat;
        /** The text of reasoning items not yet placed on an assistant message, or null. */
        private String reasoning;

        Items(ArrayNode chat) {
            this.chat = chat;
        }

        void addAll(JsonNode input) {
            int i = 0;
            for (JsonNode item : input) {
                add(item, i++);
            }
        }

        private void add(JsonNode item, int index) {
            String where = "input[" + index + "]";
            if (!item.isObject()) {
                throw Rejection.invalidRequest(where + " is not an object; send each input item as an object such as"
                        + " {\"type\": \"message\", \"role\": \"user\", \"content\": ...}");
            }
            String type = RequestJson.type(item);
            if (type.equals("message") || (type.isEmpty() && item.has("role"))) {
                message(item, where);
                return;
            }
            switch (type) {
                case "function_call" -> call(item, arguments(item.path("arguments")));
                case "custom_tool_call" -> call(item, Json.COMPACT.writeValueAsString(
                        NODES.objectNode().put("input", item.path("input").isString() ? item.path("input").stringValue() : "")));
                case "function_call_output", "custom_tool_call_output" -> append(NODES.objectNode()
                        .put("role", "tool")
                        .put("tool_call_id", string(item.path("call_id")))
                        .put("content", outputText(item.path("output"))));
                case "reasoning" -> {
                    String text = reasoningText(item);
                    if (!text.isEmpty()) {
                        reasoning = reasoning == null ? text : reasoning + "\n" + text;
                    }
                }
                default -> {
                    // web_search_call, local_shell_call, file_search_call, item_reference, …: the provider
                    // cannot see hosted tools' work, and an item reference points into OpenAI's storage
                }
            }
        }

        /** A message item: its role and content checked, then translated by role. */
        private void message(JsonNode item, String where) {
            // The role is not echoed back: it is the client's text.
            String role = string(item.path("role"));
            if (!role.equals("user") && !role.equals("assistant") && !role.equals("system") && !role.equals("developer")) {
                throw Rejection.invalidRequest(where + " has " + (item.has("role") ? "an unsupported" : "no") + " \"role\";"
                        + " a message's role must be \"user\", \"assistant\", \"system\" or \"developer\"");
            }
            JsonNode content = item.path("content");
            if (!content.isString() && !content.isArray()) {
                throw Rejection.invalidRequest(where + ".content must be a string or an array of content parts");
            }
            switch (role) {
                case "user" -> user(content);
                case "assistant" -> {
                    ObjectNode assistant = NODES.objectNode().put("role", "assistant")
                            .put("content", content.isString() ? content.stringValue() : texts(content, ""));
                    takeReasoning(assistant);
                    chat.add(assistant);
                }
                default -> {
                    String text = content.isString() ? content.stringValue() : texts(content, "\n\n");
                    if (!text.isEmpty()) {
                        append(NODES.objectNode().put("role", "system").put("content", text));
                    }
                }
            }
        }

        /** A user message: text parts and image URLs (a lone text part as a plain string); nothing when no part remains. */
        private void user(JsonNode content) {
            if (content.isString()) {
                append(NODES.objectNode().put("role", "user").put("content", content.stringValue()));
                return;
            }
            ArrayNode parts = NODES.arrayNode();
            for (JsonNode p : content) {
                String text = text(p);
                if (text != null) {
                    parts.addObject().put("type", "text").put("text", text);
                } else if (RequestJson.type(p).equals("input_image") && p.path("image_url").isString()) {
                    parts.addObject().put("type", "image_url").putObject("image_url")
                            .put("url", p.path("image_url").stringValue());
                }
                // input_file, images by file id, unknown parts: no Chat Completions equivalent
            }
            if (parts.isEmpty()) {
                return;
            }
            ObjectNode user = NODES.objectNode().put("role", "user");
            if (parts.size() == 1 && "text".equals(RequestJson.type(parts.get(0)))) {
                user.put("content", parts.get(0).path("text").stringValue());
            } else {
                user.set("content", parts);
            }
            append(user);
        }

        /**
         * A tool call on the assistant message just before when it is one (its calls so far, or its text with
         * no call yet), else on a new assistant message without text.
         */
        private void call(JsonNode item, String arguments) {
            ObjectNode assistant = chat.isEmpty() ? null : (ObjectNode) chat.get(chat.size() - 1);
            if (assistant == null || !"assistant".equals(string(assistant.path("role")))) {
                assistant = chat.addObject().put("role", "assistant").putNull("content");
            }
            takeReasoning(assistant);
            ArrayNode calls = assistant.path("tool_calls").isArray()
                    ? (ArrayNode) assistant.get("tool_calls") : assistant.putArray("tool_calls");
            ObjectNode call = calls.addObject().put("id", string(item.path("call_id"))).put("type", "function");
            call.putObject("function").put("name", string(item.path("name"))).put("arguments", arguments);
        }

        /** Puts the pending reasoning on {@code assistant} (after any it already has). */
        private void takeReasoning(ObjectNode assistant) {
            if (reasoning == null) {
                return;
            }
            JsonNode had = assistant.path("reasoning_content");
            assistant.put("reasoning_content", had.isString() ? had.stringValue() + "\n" + reasoning : reasoning);
            reasoning = null;
        }

        /** A message other than the assistant's: reasoning not yet placed led to no assistant message, and is dropped. */
        private void append(ObjectNode message) {
            reasoning = null;
            chat.add(message);
        }
    }

    /** A function call's arguments: a string as is (a blank one as "{}", which every provider parses), an object serialised. */
    private static String arguments(JsonNode arguments) {
        if (arguments.isString()) {
            return arguments.stringValue().isBlank() ? "{}" : arguments.stringValue();
        }
        return arguments.isObject() ? Json.COMPACT.writeValueAsString(arguments) : "{}";
    }

    /** A tool's output as text: a string as is, an array of parts as their texts joined by newlines (images as "[image]"). */
    private static String outputText(JsonNode output) {
        if (output.isString()) {
            return output.stringValue();
        }
        if (output.isArray()) {
            List<String> texts = new ArrayList<>();
            for (JsonNode p : output) {
                String t = text(p);
                if (t != null) {
                    texts.add(t);
                } else if (RequestJson.type(p).equals("input_image")) {
                    texts.add("[image]");
                }
            }
            return String.join("\n", texts);
        }
        return output.isMissingNode() || output.isNull() ? "" : Json.COMPACT.writeValueAsString(output);
    }

    /** A reasoning item's raw texts joined by newlines, else its summary texts, else "". */
    private static String reasoningText(JsonNode item) {
        List<String> texts = new ArrayList<>();
        for (String member : List.of("content", "summary")) {
            for (JsonNode p : RequestJson.array(item.path(member))) {
                if (p.path("text").isString() && !p.path("text").stringValue().isEmpty()) {
                    texts.add(p.path("text").stringValue());
                }
            }
            if (!texts.isEmpty()) {
                break;
            }
        }
        return String.join("\n", texts);
    }

    /** The texts of an array of content parts joined with {@code separator}. */
    private static String texts(JsonNode parts, String separator) {
        List<String> texts = new ArrayList<>();
        for (JsonNode p : parts) {
            String t = text(p);
            if (t != null) {
                texts.add(t);
            }
        }
        return String.join(separator, texts);
    }

    /**
     * Function and custom tools as function tools, with tool_choice and parallel_tool_calls; nothing when no
     * such tool remains. Returns the custom tools' names.
     */
    private static Set<String> tools(JsonNode in, ObjectNode out, ChatDialect dialect) {
        ArrayNode tools = NODES.arrayNode();
        Set<String> custom = new LinkedHashSet<>();
        for (JsonNode t : RequestJson.array(in.path("tools"))) {
            String name = string(t.path("name"));
            String description = t.path("description").isString() ? t.path("description").stringValue() : null;
            JsonNode parameters;
            switch (RequestJson.type(t)) {
                case "function" -> parameters = t.path("parameters").isObject() ? t.path("parameters")
                        : NODES.objectNode().put("type", "object").set("properties", NODES.objectNode());
                case "custom" -> {
                    ObjectNode schema = NODES.objectNode().put("type", "object");
                    schema.putObject("properties").putObject("input").put("type", "string")
                            .put("description", grammar(t.path("format")));
                    schema.putArray("required").add("input");
                    parameters = schema;
                    description = description == null || description.isEmpty()
                            ? CUSTOM_TOOL_HINT : description + " " + CUSTOM_TOOL_HINT;
                    custom.add(name);
                }
                default -> {
                    continue; // web_search, local_shell, file_search, mcp, namespace, …: OpenAI runs or groups those
                }
            }
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", name);
            if (description != null) {
                function.put("description", description);
            }
            function.set("parameters", ToolSchemas.parameters(parameters, dialect));
        }
        if (tools.isEmpty()) {
            return Set.of();
        }
        out.set("tools", tools);
        JsonNode choice = in.path("tool_choice");
        if (choice.isString()) {
            switch (choice.stringValue()) {
                case "auto", "required", "none" -> out.put("tool_choice", choice.stringValue());
                default -> {
                }
            }
        } else if ((RequestJson.type(choice).equals("function") || RequestJson.type(choice).equals("custom")) && choice.path("name").isString()) {
            // A custom tool is a function tool on the provider's side.
            out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", choice.path("name").stringValue());
        }
        if (in.path("parallel_tool_calls").isBoolean()) {
            out.put("parallel_tool_calls", in.path("parallel_tool_calls").booleanValue());
        }
        return Collections.unmodifiableSet(custom);
    }

    /** A custom tool format's grammar (its definition) when it has one, else a plain description of the input. */
    private static String grammar(JsonNode format) {
        for (String member : List.of("definition", "grammar")) {
            if (format.path(member).isString() && !format.path(member).stringValue().isBlank()) {
                return format.path(member).stringValue();
            }
        }
        return "the raw input";
    }




    /** The node's string, or "" when it is not a string. */
    private static String string(JsonNode node) {
        return node.isString() ? node.stringValue() : "";
    }

    /** A text part's text (input_text, output_text or text), or null when it is not a text part with a string text. */
    private static String text(JsonNode part) {
        JsonNode t = part.path("text");
        return switch (RequestJson.type(part)) {
            case "input_text", "output_text", "text" -> t.isString() ? t.stringValue() : null;
            default -> null;
        };
    }
}
