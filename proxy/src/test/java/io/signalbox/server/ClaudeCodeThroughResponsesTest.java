package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
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
 * The real Claude Code CLI (npm), configured by {@code signalbox use R} (proxy mode), against a
 * provider that speaks only the OpenAI Responses API: the proxy translates both ways.
 */
class ClaudeCodeThroughResponsesTest {
    static final String KEY_R = "sk-responses-provider-key-0123456789";

    @TempDir
    Path dir;
    ProxyFixture f;
    ResponsesUpstream r;

    @BeforeEach
    void start() throws Exception {
        ClaudeCode.binary();
        f = new ProxyFixture(dir);
        r = new ResponsesUpstream();
        f.signalbox.profiles().add(new Profile("R", r.baseUrl(), ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER,
                new ModelMap(null, null, null, null, "gpt-5-codex", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("R", KEY_R);
        var use = CliRun.run(f.home.set("SIGNALBOX_PORT", String.valueOf(f.proxy.port())), "use", "R", "--clients", "claude");
        assertEquals(0, use.code(), use.all());
        assertTrue(use.all().contains("the proxy translates each request and answer"), use.all());
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (r != null) {
            r.close();
        }
    }

    @Test
    void claudeCodeRunsAToolLoopWithAResponsesProvider() throws Exception {
        Path notes = f.home.home.resolve("NOTES.md");
        Files.writeString(notes, "# notes\nthe launch is on Tuesday\n");
        r.callTool = true;
        r.reasoning = true;
        r.toolName = "Read";
        r.toolArgs = "{\"file_path\":" + Json.MAPPER.writeValueAsString(notes.toString()) + "}";
        r.answer = "The notes say the launch is on Tuesday";

        var run = ClaudeCode.print(f.home, "what do my notes say?");

        assertTrue(run.out().contains("The notes say the launch is on Tuesday"), run.out() + run.err());
        ChatUpstream.Seen first = r.seen.getFirst();
        assertEquals("Bearer " + KEY_R, first.header("Authorization"), "the provider's key, not the local token");
        assertEquals("/v1/responses", first.uri());
        JsonNode withResult = r.seen.stream().map(ChatUpstream.Seen::json)
                .filter(j -> j.toString().contains("\"function_call_output\"")).findFirst()
                .orElseThrow(() -> new AssertionError("Claude Code never sent the tool's result: " + run.out() + run.err()));
        assertEquals("gpt-5-codex", withResult.path("model").asString());
        assertTrue(withResult.path("tools").size() > 5, "Claude Code's tools reach the provider as functions");
        JsonNode call = null;
        JsonNode output = null;
        for (JsonNode item : withResult.path("input")) {
            switch (item.path("type").asString("")) {
                case "function_call" -> call = item;
                case "function_call_output" -> output = item;
                default -> {
                }
            }
        }
        assertEquals("Read", call.path("name").asString(), withResult.toString());
        assertEquals(notes.toString(), Json.MAPPER.readTree(call.path("arguments").asString()).path("file_path").asString());
        assertEquals("call_1", output.path("call_id").asString());
        assertTrue(output.path("output").asString().contains("the launch is on Tuesday"), "Claude Code read the file: " + output);
    }
}
