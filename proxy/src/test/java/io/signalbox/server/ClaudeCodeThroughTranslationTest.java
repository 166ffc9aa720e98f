package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import io.signalbox.testsupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real Claude Code CLI (npm), configured by {@code signalbox use G} (proxy mode), against a
 * provider that speaks only the OpenAI Chat Completions API: the proxy translates both ways.
 */
class ClaudeCodeThroughTranslationTest {
    static final String KEY_G = "sk-chat-provider-key-0123456789";

    @TempDir
    Path dir;
    ProxyFixture f;
    ChatUpstream g;

    @BeforeEach
    void start() throws Exception {
        ClaudeCode.binary();
        f = new ProxyFixture(dir);
        g = new ChatUpstream();
        f.signalbox.profiles().add(new Profile("G", g.baseUrl(), ApiFormat.OPENAI_CHAT, AuthStyle.BEARER,
                new ModelMap(null, null, null, null, "gpt-mock", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("G", KEY_G);
        var r = CliRun.run(f.home.set("SIGNALBOX_PORT", String.valueOf(f.proxy.port())), "use", "G", "--clients", "claude");
        assertEquals(0, r.code(), r.all());
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (g != null) {
            g.close();
        }
    }

    @Test
    void claudeCodeShowsTheChatProvidersAnswer() throws Exception {
        var run = ClaudeCode.print(f.home, "say hi");

        assertTrue(run.out().contains("Hello from the chat provider"), run.out() + run.err());
        assertFalse(g.chats().isEmpty());
        ChatUpstream.Seen main = g.chats().stream().filter(s -> s.json().path("stream").asBoolean(false)).findFirst()
                .orElseThrow(() -> new AssertionError("no streamed request: " + g.seen));
        assertEquals("Bearer " + KEY_G, main.header("Authorization"), "the provider's key, not the local token");
        assertEquals("gpt-mock", main.json().path("model").asString());
        assertTrue(main.json().path("stream_options").path("include_usage").asBoolean());
        assertTrue(main.json().path("tools").size() > 5, "Claude Code's tools reach the provider as functions");
        assertEquals(null, main.header("anthropic-beta"));
    }

    @Test
    void claudeCodeRunsAToolLoopWithAChatProvider() throws Exception {
        Path notes = f.home.home.resolve("NOTES.md");
        Files.writeString(notes, "# notes\nthe launch is on Tuesday\n");
        g.callTool = true;
        g.reasoning = true; // as DeepSeek's thinking mode: reasoning_content first
        g.toolName = "Read";
        g.toolArgs = "{\"file_path\":" + io.signalbox.common.Json.MAPPER.writeValueAsString(notes.toString()) + "}";
        g.answer = "The notes say the launch is on Tuesday";

        var run = ClaudeCode.print(f.home, "what do my notes say?");

        assertTrue(run.out().contains("The notes say the launch is on Tuesday"), run.out() + run.err());
        JsonNode withResult = g.chats().stream().map(ChatUpstream.Seen::json)
                .filter(j -> j.toString().contains("\"role\":\"tool\"")).findFirst()
                .orElseThrow(() -> new AssertionError("Claude Code never sent the tool's result: " + run.out() + run.err()));
        JsonNode tool = null;
        JsonNode call = null;
        for (JsonNode m : withResult.path("messages")) {
            if (m.path("role").asString("").equals("tool")) {
                tool = m;
            }
            if (m.has("tool_calls")) {
                call = m.path("tool_calls").get(0);
            }
        }
        assertEquals("call_1", call.path("id").asString(), withResult.toString());
        JsonNode assistant = null;
        for (JsonNode m : withResult.path("messages")) {
            if (m.has("tool_calls")) {
                assistant = m;
            }
        }
        assertEquals("Let me think.", assistant.path("reasoning_content").asString(),
                "the reasoning goes back with the tool turn, as DeepSeek's thinking mode requires: " + assistant);
        assertEquals("Read", call.path("function").path("name").asString());
        assertEquals(notes.toString(), io.signalbox.common.Json.MAPPER.readTree(call.path("function").path("arguments")
                .asString()).path("file_path").asString(), "the arguments Claude Code assembled from the fragments");
        assertEquals("call_1", tool.path("tool_call_id").asString());
        assertTrue(tool.path("content").asString().contains("the launch is on Tuesday"), "Claude Code read the file: " + tool);
    }
}
