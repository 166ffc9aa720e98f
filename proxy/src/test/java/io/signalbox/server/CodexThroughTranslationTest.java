package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real Codex CLI (npm), configured by {@code signalbox use G} (proxy mode), against a provider
 * that speaks only the OpenAI Chat Completions API: the proxy translates its Responses requests.
 */
class CodexThroughTranslationTest {
    private static final String KEY = "sk-chat-provider-for-codex-000000";
    private static final String FEATURES_OFF = "[features]\nplugins = false\nremote_plugin = false\napps = false\n";

    @TempDir
    Path dir;
    ProxyFixture f;
    ChatUpstream g;

    @BeforeEach
    void start() throws Exception {
        Codex.binary();
        g = new ChatUpstream();
        f = new ProxyFixture(dir);
        var add = CliRun.withStdin(f.home, KEY, "profile", "add", "G", "--format", "openai-chat", "--base-url",
                g.baseUrl(), "--model", "default=gpt-mock", "--context-window", "128k", "--key-stdin");
        assertEquals(0, add.code(), add.all());
        Files.writeString(f.home.codexHome.resolve("config.toml"), FEATURES_OFF);
        var use = CliRun.run(f.home.set("SIGNALBOX_PORT", String.valueOf(f.proxy.port())), "use", "G", "--clients", "codex");
        assertEquals(0, use.code(), use.all());
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
    void codexShowsTheChatProvidersAnswer() throws Exception {
        var run = Codex.exec(f.home, "say hi");

        assertTrue(run.output().contains("Hello from the chat provider"), run.output());
        assertFalse(g.chats().isEmpty(), "the provider saw Chat Completions requests");
        ChatUpstream.Seen seen = g.chats().getLast();
        assertEquals("Bearer " + KEY, seen.header("Authorization"), "the provider's key, not the local token");
        JsonNode body = seen.json();
        assertEquals("gpt-mock", body.path("model").asString());
        assertTrue(body.path("stream").asBoolean(), body.toString());
        assertEquals("system", body.path("messages").get(0).path("role").asString(), "Codex's instructions first");
        assertTrue(body.path("tools").size() > 0, "Codex's tools reach the provider as functions: " + body.path("tools"));
    }
    @Test
    void codexRunsAToolLoopWithAChatProvider() throws Exception {
        Files.createDirectories(f.home.root.resolve("work"));
        Files.writeString(f.home.root.resolve("work").resolve("NOTES.md"), "the launch is on Tuesday\n");
        g.callTool = true;
        g.reasoning = true;
        g.toolName = "exec_command";
        g.toolArgs = "{\"cmd\":\"cat NOTES.md\"}";
        g.answer = "The notes say the launch is on Tuesday";

        var run = Codex.exec(f.home, "what do my notes say?");

        assertTrue(run.output().contains("The notes say the launch is on Tuesday"), run.output());
        JsonNode withResult = g.chats().stream().map(ChatUpstream.Seen::json)
                .filter(j -> j.toString().contains("\"role\":\"tool\"")).findFirst()
                .orElseThrow(() -> new AssertionError("Codex never sent the command's output: " + run.output()));
        JsonNode call = null;
        JsonNode tool = null;
        for (JsonNode m : withResult.path("messages")) {
            if (m.has("tool_calls")) {
                call = m;
            }
            if ("tool".equals(m.path("role").asString(""))) {
                tool = m;
            }
        }
        assertEquals("call_1", call.path("tool_calls").get(0).path("id").asString(), withResult.toString());
        assertEquals("exec_command", call.path("tool_calls").get(0).path("function").path("name").asString());
        assertEquals("Let me think.", call.path("reasoning_content").asString(),
                "the reasoning goes back with the tool turn, as DeepSeek's thinking mode requires: " + call);
        assertEquals("call_1", tool.path("tool_call_id").asString());
        assertTrue(tool.path("content").asString().contains("launch is on Tuesday"), "Codex ran the command: " + tool);
    }
}
