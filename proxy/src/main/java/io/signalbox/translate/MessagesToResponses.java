package io.signalbox.translate;

import io.signalbox.common.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates an Anthropic Messages request (what Claude Code sends) into an OpenAI Responses API
 * request, for a profile that speaks only the Responses API (OpenAI's newest models, such as the
 * {@code -codex} ones, are served there alone). The Messages request is read as {@link ChatRequest}
 * reads it — same checks, same refusals, system messages between the turns as reminders in the user
 * turn — and its Chat Completions form is then written as Responses input:
 * <ul>
 *   <li>the leading system message becomes {@code instructions};</li>
 *   <li>user and assistant text become {@code message} items ({@code input_text} / {@code output_text}
 *       parts), images {@code input_image} parts;</li>
 *   <li>tool calls become {@code function_call} items and tool results {@code function_call_output}
 *       items, paired by {@code call_id};</li>
 *   <li>function tools, {@code tool_choice} and {@code parallel_tool_calls} take the Responses shapes;
 *       {@code max_tokens} becomes {@code max_output_tokens} (at least 16, the API's floor);</li>
 *   <li>{@code store} is false: the provider keeps nothing of the conversation.</li>
 * </ul>
 * Dropped, beyond what {@link ChatRequest} drops: {@code stop} sequences (the Responses API has none),
 * {@code temperature} and {@code top_p} (OpenAI's reasoning models refuse them), earlier reasoning (a
 * Responses reasoning item can only be replayed with the provider's own encrypted content) and
 * {@code user}.
 */
public final class MessagesToResponses {
    /** The Responses API's smallest {@code max_output_tokens}. */
    static final int MIN_OUTPUT_TOKENS = 16;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessagesToResponses() {
    }

    /** A Messages request (JSON object) as a Responses API request (compact JSON, UTF-8), and whether it streams. */
    public static ChatRequest.Translated translate(byte[] messagesJson) {
        JsonNode in = ChatRequest.tree(messagesJson, ChatDialect.COMMON);
        boolean stream = in.has("stream");
        ObjectNode out = NODES.objectNode();
        if (in.has("model")) {
            out.set("model", in.get("model"));
        }
        ArrayNode input = NODES.arrayNode();
        boolean first = true;
        for (JsonNode m : in.path("messages")) {
            String role = m.path("role").asString("");
            if (first && role.equals("system")) {
                out.put("instructions", m.path("content").asString(""));
            } else {
                item(m, role, input);
            }
            first = false;
        }
        out.set("input", input);
        JsonNode max = in.has("max_tokens") ? in.get("max_tokens") : in.path("max_completion_tokens");
        if (max.canConvertToLong()) {
            out.put("max_output_tokens", Math.max(MIN_OUTPUT_TOKENS, max.asLong()));
        }
        tools(in, out);
        if (stream) {
            out.put("stream", true);
        }
        out.put("store", false);
        return new ChatRequest.Translated(Json.COMPACT.writeValueAsBytes(out), stream);
    }

    /** The Responses input items for one Chat Completions message. */
    private static void item(JsonNode m, String role, ArrayNode input) {
        switch (role) {
            case "tool" -> input.addObject().put("type", "function_call_output")
                    .put("call_id", m.path("tool_call_id").asString(""))
                    .put("output", m.path("content").asString(""));
            case "assistant" -> {
                String text = m.path("content").isString() ? m.path("content").stringValue() : "";
                if (!text.isEmpty()) {
                    message(input, "assistant").addObject().put("type", "output_text").put("text", text);
                }
                for (JsonNode call : m.path("tool_calls")) {
                    JsonNode fn = call.path("function");
                    input.addObject().put("type", "function_call")
                            .put("call_id", call.path("id").asString(""))
                            .put("name", fn.path("name").asString(""))
                            .put("arguments", fn.path("arguments").asString("{}"));
                }
            }
            default -> { // user (and a system message after the first, which ChatRequest does not write)
                ArrayNode parts = message(input, role.equals("system") ? "developer" : "user");
                JsonNode content = m.path("content");
                if (content.isString()) {
                    parts.addObject().put("type", "input_text").put("text", content.stringValue());
                }
                for (JsonNode p : RequestJson.array(content)) {
                    switch (RequestJson.type(p)) {
                        case "text" -> parts.addObject().put("type", "input_text").put("text", p.path("text").asString(""));
                        case "image_url" -> parts.addObject().put("type", "input_image")
                                .put("image_url", p.path("image_url").path("url").asString(""));
                        default -> {
                        }
                    }
                }
            }
        }
    }

    /** A new message item of {@code role}; returns its content array. */
    private static ArrayNode message(ArrayNode input, String role) {
        return input.addObject().put("type", "message").put("role", role).putArray("content");
    }

    /** Function tools (flat, as the Responses API has them), tool_choice and parallel_tool_calls. */
    private static void tools(JsonNode in, ObjectNode out) {
        ArrayNode tools = NODES.arrayNode();
        for (JsonNode t : RequestJson.array(in.path("tools"))) {
            JsonNode fn = t.path("function");
            ObjectNode tool = tools.addObject().put("type", "function").put("name", fn.path("name").asString(""));
            if (fn.path("description").isString()) {
                tool.put("description", fn.path("description").stringValue());
            }
            tool.set("parameters", fn.path("parameters").isObject() ? fn.get("parameters") : NODES.objectNode());
            tool.put("strict", false); // Claude Code's schemas are not written for strict mode
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode choice = in.path("tool_choice");
        if (choice.isString()) {
            out.put("tool_choice", choice.stringValue());
        } else if (choice.path("function").path("name").isString()) {
            out.putObject("tool_choice").put("type", "function").put("name", choice.path("function").path("name").stringValue());
        }
        if (in.path("parallel_tool_calls").isBoolean()) {
            out.put("parallel_tool_calls", in.path("parallel_tool_calls").booleanValue());
        }
    }
}
