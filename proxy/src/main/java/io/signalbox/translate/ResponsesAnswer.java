package io.signalbox.translate;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's whole (non-streaming) OpenAI Chat Completions answer as an OpenAI Responses API
 * response object, for Codex: reasoning ({@code reasoning_content}/{@code reasoning}) as a
 * {@code reasoning} item, the text as a {@code message} item, each tool call as a
 * {@code function_call} item — or a {@code custom_tool_call} item when its name is one of the
 * request's custom (freeform) tools, whose input the request carried as the string member
 * {@code input} of the function's arguments. The streamed form is {@link ResponsesStream}, which
 * builds its items, usage and status with the helpers kept here.
 *
 * <p>Usage: Responses counts like Chat Completions, the cached tokens part of the input, so no
 * subtraction (unlike Anthropic's counts in {@link ChatResponse}).
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/responses/object">Responses object</a>
 * @see <a href="https://platform.openai.com/docs/api-reference/chat/object">Chat Completions object</a>
 */
public final class ResponsesAnswer {
    /** The Responses status of a finished response that has no incomplete reason. */
    static final String COMPLETED = "completed";
    static final String INCOMPLETE = "incomplete";
    static final String IN_PROGRESS = "in_progress";
    static final String FAILED = "failed";

    private ResponsesAnswer() {
    }

    /**
     * A 2xx Chat Completions body (non-streaming) as a Responses API response object (compact JSON).
     * {@code customTools}: names of the request's custom (freeform) tools. A body that is no Chat
     * Completions answer is a 502 {@link Rejection}, worded as {@link ChatResponse} words it.
     */
    public static byte[] toResponses(byte[] chatJson, Set<String> customTools) {
        JsonNode root = ChatResponse.chatCompletion(chatJson);
        JsonNode choices = root.path("choices");
        Set<String> custom = customTools == null ? Set.of() : customTools;
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");

        ArrayNode output = ChatResponse.NODES.arrayNode();
        String reasoning = ChatResponse.reasoning(message);
        if (!reasoning.isEmpty()) {
            output.add(reasoningItem(itemId("rs_"), reasoning));
        }
        String text = ChatResponse.text(message.path("content"));
        if (text.isEmpty()) {
            text = ChatResponse.text(message.path("refusal"));
        }
        if (!text.isEmpty()) {
            output.add(messageItem(itemId("msg_"), COMPLETED, text));
        }
        for (JsonNode call : message.path("tool_calls")) {
            if (!call.isObject()) {
                continue;
            }
            String callId = callId(call.path("id"));
            if (nativeCustom(call)) {
                JsonNode c = call.path("custom");
                output.add(customToolCallItem(itemId("ctc_"), callId, name(c), c.path("input").asString(""), COMPLETED));
                continue;
            }
            JsonNode fn = call.path("function");
            String name = name(fn);
            String args = argumentsText(fn.path("arguments"));
            if (custom.contains(name)) {
                output.add(customToolCallItem(itemId("ctc_"), callId, name, customInput(args), COMPLETED));
            } else {
                output.add(functionCallItem(itemId("fc_"), callId, name, args.isBlank() ? "{}" : args, COMPLETED));
            }
        }

        JsonNode finish = choice.path("finish_reason");
        String reason = incompleteReason(finish);
        ObjectNode out = response(responseId(root.path("id")), createdAt(root.path("created")),
                reason == null ? COMPLETED : INCOMPLETE, ChatResponse.model(root.path("model")), output,
                usage(root.path("usage")), reason, null);
        return Json.COMPACT.writeValueAsBytes(out);
    }

    // ---- shared with ResponsesStream ----

    /**
     * A Responses response object: {@code usage} null when not known yet, {@code incomplete_details}
     * {"reason": R} when {@code incompleteReason} is given, {@code error} as given (or null).
     */
    static ObjectNode response(String id, long createdAt, String status, String model, ArrayNode output,
            JsonNode usage, String incompleteReason, ObjectNode error) {
        ObjectNode r = ChatResponse.NODES.objectNode();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        r.put("model", model);
        r.set("output", output);
        r.set("usage", usage == null ? ChatResponse.NODES.nullNode() : usage);
        if (incompleteReason == null) {
            r.putNull("incomplete_details");
        } else {
            r.putObject("incomplete_details").put("reason", incompleteReason);
        }
        r.set("error", error == null ? ChatResponse.NODES.nullNode() : error);
        return r;
    }

    /**
     * Responses usage for a Chat Completions {@code usage} (zeros when missing). Input includes the
     * cached tokens as in Chat Completions; the cached part is {@code prompt_tokens_details.cached_tokens}
     * or else DeepSeek's {@code prompt_cache_hit_tokens} (the rule of {@link ChatResponse#usage}).
     */
    static ObjectNode usage(JsonNode u) {
        ObjectNode anthropic = ChatResponse.usage(u);
        long prompt = ChatResponse.count(u.path("prompt_tokens"));
        long cached = anthropic.path("cache_read_input_tokens").asLong(0);
        long completion = anthropic.path("output_tokens").asLong(0);
        ObjectNode out = ChatResponse.NODES.objectNode();
        out.put("input_tokens", prompt);
        out.putObject("input_tokens_details").put("cached_tokens", cached);
        out.put("output_tokens", completion);
        out.putObject("output_tokens_details")
                .put("reasoning_tokens", ChatResponse.count(u.path("completion_tokens_details").path("reasoning_tokens")));
        out.put("total_tokens", prompt + completion);
        return out;
    }

    /**
     * Why a response with this {@code finish_reason} is incomplete: {@code length} is
     * "max_output_tokens", {@code content_filter} is "content_filter"; null (completed) otherwise.
     */
    static String incompleteReason(JsonNode finishReason) {
        String f = finishReason.isString() ? finishReason.stringValue() : "";
        return switch (f) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
    }

    static ObjectNode reasoningItem(String id, String text) {
        ObjectNode item = ChatResponse.NODES.objectNode();
        item.put("type", "reasoning");
        item.put("id", id);
        ArrayNode summary = item.putArray("summary");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            summary.addObject().put("type", "summary_text").put("text", text);
            content.addObject().put("type", "reasoning_text").put("text", text);
        }
        return item;
    }

    /** A message item; {@code text} null gives it no content yet (as a stream's item opens). */
    static ObjectNode messageItem(String id, String status, String text) {
        ObjectNode item = ChatResponse.NODES.objectNode();
        item.put("type", "message");
        item.put("id", id);
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = ChatResponse.NODES.objectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode functionCallItem(String id, String callId, String name, String arguments, String status) {
        return ChatResponse.NODES.objectNode().put("type", "function_call").put("id", id).put("call_id", callId)
                .put("name", name).put("arguments", arguments).put("status", status);
    }

    static ObjectNode customToolCallItem(String id, String callId, String name, String input, String status) {
        return ChatResponse.NODES.objectNode().put("type", "custom_tool_call").put("id", id).put("call_id", callId)
                .put("name", name).put("input", input).put("status", status);
    }

    /**
     * A custom tool's input from the arguments of the function call it was sent as: the string
     * member {@code input} of the parsed arguments, else the arguments as they are.
     */
    static String customInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return arguments == null ? "" : arguments;
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(arguments);
            if (parsed != null && parsed.path("input").isString()) {
                return parsed.path("input").stringValue();
            }
        } catch (JacksonException e) {
            // not JSON: the model wrote the input itself
        }
        return arguments;
    }

    /** Tool call arguments as a string: a string as it is, a JSON object or array (some send them whole) compact, else "". */
    static String argumentsText(JsonNode args) {
        if (args.isString()) {
            return args.stringValue();
        }
        return args.isObject() || args.isArray() ? Json.COMPACT.writeValueAsString(args) : "";
    }

    /**
     * Whether a tool call is a Chat Completions custom tool call ({@code "type":"custom"} with a
     * {@code custom} object and no {@code function}): its input is its raw text.
     */
    static boolean nativeCustom(JsonNode call) {
        return !call.path("function").isObject() && call.path("custom").isObject();
    }

    /** The name member of a function (or custom) object, or "". */
    static String name(JsonNode fn) {
        return fn.path("name").isString() ? fn.path("name").stringValue() : "";
    }

    /** The upstream's tool call id as it is (the next request hands it back), or a generated "call_…". */
    static String callId(JsonNode id) {
        return id.isString() && !id.stringValue().isBlank() ? id.stringValue() : "call_" + ChatResponse.random(24);
    }

    /** "resp_" and the upstream's id, kept to id characters; a random one without. */
    static String responseId(JsonNode id) {
        return "resp_" + ChatResponse.messageId(id).substring("msg_".length());
    }

    /** A new item id: the prefix ("rs_", "msg_", "fc_", "ctc_") and random characters. */
    static String itemId(String prefix) {
        return prefix + ChatResponse.random(24);
    }

    /** The upstream's {@code created} (epoch seconds), or now. */
    static long createdAt(JsonNode created) {
        return created.isIntegralNumber() && created.canConvertToLong() && created.longValue() > 0 ? created.longValue()
                : System.currentTimeMillis() / 1000;
    }

}
