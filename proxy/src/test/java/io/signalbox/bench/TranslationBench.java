package io.signalbox.bench;

import io.signalbox.common.Json;
import io.signalbox.route.ModelRewrite;
import io.signalbox.translate.ChatDialect;
import io.signalbox.translate.ChatRequest;
import io.signalbox.translate.ChatStream;
import io.signalbox.translate.MessagesToResponses;
import io.signalbox.translate.ResponsesAsChat;
import io.signalbox.translate.ResponsesRequest;
import io.signalbox.translate.ResponsesStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Format translation cost (not a test): per request — a ~100 KB Claude Code-like Messages request to
 * Chat Completions, and Codex's captured Responses request — against the baseline of the same request
 * passed through (the model rewrite every request gets); per SSE event — one Chat Completions text chunk
 * as Anthropic's and as the Responses API's events, against the baseline of parsing that chunk alone.
 * Run by docs/benchmarks/translation.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranslationBench {
    static final String CHUNK = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1765000000,"
            + "\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the next few words\"},"
            + "\"finish_reason\":null}]}";

    /** One Responses API text delta event, as OpenAI streams it. */
    static final String RESPONSES_EVENT = "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\","
            + "\"output_index\":0,\"content_index\":0,\"delta\":\" the next few words\"}";

    byte[] messages;
    byte[] responses;
    ChatStream chat;
    ResponsesStream resp;
    ResponsesAsChat fromResponses;

    /** A Claude Code-like request: system blocks, 20 tools with schemas, 30 turns with tool calls; ~100 KB. */
    static byte[] claudeCodeBody() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", "claude-sonnet-5").put("max_tokens", 32000).put("stream", true);
        ArrayNode system = body.putArray("system");
        system.addObject().put("type", "text").put("text", "You are Claude Code. ".repeat(1200))
                .putObject("cache_control").put("type", "ephemeral");
        ArrayNode tools = body.putArray("tools");
        for (int t = 0; t < 20; t++) {
            ObjectNode tool = tools.addObject().put("name", "Tool" + t).put("description", "Does thing " + t + ". ".repeat(60));
            ObjectNode schema = tool.putObject("input_schema").put("$schema", "http://json-schema.org/draft-07/schema#")
                    .put("type", "object").put("additionalProperties", false);
            ObjectNode props = schema.putObject("properties");
            for (int p = 0; p < 5; p++) {
                props.putObject("arg" + p).put("type", "string").put("description", "argument " + p + " of the tool");
            }
            schema.putArray("required").add("arg0");
        }
        ArrayNode msgs = body.putArray("messages");
        for (int turn = 0; turn < 40; turn++) {
            msgs.addObject().put("role", "user").putArray("content").addObject().put("type", "text")
                    .put("text", "Please look at file " + turn + ". ".repeat(80));
            ArrayNode a = msgs.addObject().put("role", "assistant").putArray("content");
            a.addObject().put("type", "text").put("text", "Let me read it. ".repeat(20));
            a.addObject().put("type", "tool_use").put("id", "toolu_" + turn).put("name", "Tool1").putObject("input")
                    .put("arg0", "/src/file" + turn + ".java");
            ArrayNode r = msgs.addObject().put("role", "user").putArray("content");
            r.addObject().put("type", "tool_result").put("tool_use_id", "toolu_" + turn)
                    .put("content", "class File" + turn + " { }\n".repeat(60));
        }
        return Json.COMPACT.writeValueAsBytes(body);
    }

    static byte[] codexBody() throws IOException {
        try (InputStream in = TranslationBench.class.getResourceAsStream("/io/signalbox/translate/codex-responses-request.json")) {
            return in.readAllBytes();
        }
    }

    @Setup(Level.Trial)
    public void bodies() throws IOException {
        messages = claudeCodeBody();
        responses = codexBody();
    }

    @Setup(Level.Iteration)
    public void streams() {
        chat = new ChatStream("sig");
        resp = new ResponsesStream(Set.of());
        chat.onData(CHUNK);
        resp.onData(CHUNK);
        fromResponses = new ResponsesAsChat(new ChatStream("sig"));
        fromResponses.onData("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5-codex\"}}");
        fromResponses.onData(RESPONSES_EVENT);
    }

    /** Baseline per request: what a Messages request to an Anthropic profile costs for its body. */
    @Benchmark
    public Object messagesPassedThrough() {
        return ModelRewrite.apply(messages, m -> "deepseek-chat").body();
    }

    @Benchmark
    public Object messagesToChatCompletions() {
        return ChatRequest.translate(ModelRewrite.apply(messages, m -> "deepseek-chat").body().toByteArray(),
                ChatDialect.COMMON).body();
    }

    /** Claude Code's request for a Responses API profile (by way of its Chat Completions form). */
    @Benchmark
    public Object messagesToResponses() {
        return MessagesToResponses.translate(ModelRewrite.apply(messages, m -> "gpt-5-codex").body().toByteArray()).body();
    }

    /** Baseline for Codex: its Responses request passed through. */
    @Benchmark
    public Object responsesPassedThrough() {
        return ModelRewrite.apply(responses, m -> "deepseek-chat").body();
    }

    @Benchmark
    public Object responsesToChatCompletions() {
        return ResponsesRequest.toChat(ModelRewrite.apply(responses, m -> "deepseek-chat").body().toByteArray(),
                ChatDialect.COMMON).body();
    }

    /** Baseline per event: parsing one chunk, the least any translation does with it. */
    @Benchmark
    public Object chunkParsedOnly() {
        return Json.MAPPER.readTree(CHUNK);
    }

    @Benchmark
    public List<byte[]> chunkToAnthropicEvent() {
        return chat.onData(CHUNK);
    }

    @Benchmark
    public List<byte[]> chunkToResponsesEvent() {
        return resp.onData(CHUNK);
    }

    /** A Responses API event as Anthropic's (by way of a Chat Completions chunk); its baseline is chunkParsedOnly. */
    @Benchmark
    public List<byte[]> responsesEventToAnthropicEvent() {
        return fromResponses.onData(RESPONSES_EVENT);
    }

    /** Sizes of the two request bodies (printed by translation.sh). */
    public static void main(String[] args) throws IOException {
        System.out.println("messages body " + claudeCodeBody().length + " bytes; Codex responses body "
                + codexBody().length + " bytes; chunk " + CHUNK.getBytes(StandardCharsets.UTF_8).length + " bytes");
    }
}
