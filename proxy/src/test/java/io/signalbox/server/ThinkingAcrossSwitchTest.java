package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that switches provider keeps working with thinking on: the thinking blocks another
 * upstream signed are not replayed to the new one (it would refuse them: "Invalid signature").
 */
class ThinkingAcrossSwitchTest {
    /** Turn 2 of a tool loop, as Claude Code replays it: turn 1's thinking block, its tool call, the result. */
    private static final String REPLAY = "{\"model\":\"claude-sonnet-5\",\"max_tokens\":32000,\"stream\":true,"
            + "\"thinking\":{\"type\":\"adaptive\"},\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"The user greets me.\","
            + "\"signature\":\"SIG\"},{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":{\"cmd\":\"ls\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"ok\"}]}]}";

    @TempDir
    Path dir;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
        f.a.thinkingSignature = "EqQBsig-from-A/+=";
        f.b.thinkingSignature = "EqQBsig-from-B/+=";
        f.a.rejectForeignSignatures = true;
        f.b.rejectForeignSignatures = true;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void afterASwitchTheOtherProvidersThinkingIsLeftOutAndTheToolLoopGoesOnWithoutThinking() throws Exception {
        var first = f.send(f.post("/v1/messages?beta=true", ProxyFixture.message("claude-sonnet-5", true)));
        assertTrue(first.body().contains("EqQBsig-from-A/+="), first.body());

        f.signalbox.settings().update(s -> s.withActiveProfile("B"));
        var second = f.send(f.post("/v1/messages?beta=true", REPLAY.replace("SIG", "EqQBsig-from-A/+=")));

        assertEquals(200, second.statusCode(), second.body());
        assertTrue(second.body().contains("Hello from upstream B"), second.body());
        var seen = f.b.last().json();
        assertFalse(seen.toString().contains("sig-from-A"), seen.toString());
        var turn = seen.path("messages").get(1).path("content");
        assertEquals("tool_use", turn.get(0).path("type").asString(), "the tool call stays: " + turn);
        assertEquals("disabled", seen.path("thinking").path("type").asString(),
                "a tool loop whose last turn lost its thinking block goes on without thinking");
        assertEquals("model-b", seen.path("model").asString());
    }

    @Test
    void backOnTheProviderThatSignedItTheThinkingIsReplayedAsSent() throws Exception {
        f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        f.signalbox.settings().update(s -> s.withActiveProfile("B"));
        f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true))); // B signs its own
        f.signalbox.settings().update(s -> s.withActiveProfile("A"));

        String replay = REPLAY.replace("SIG", "EqQBsig-from-A/+=");
        var res = f.send(f.post("/v1/messages", replay));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(replay.replace("claude-sonnet-5", "model-a"), new String(f.a.last().body(),
                java.nio.charset.StandardCharsets.UTF_8), "byte for byte, but for the model");
    }

    @Test
    void aSignatureTheProxyNeverRelayedIsLeftAlone() throws Exception {
        f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        f.signalbox.settings().update(s -> s.withActiveProfile("B"));
        f.b.rejectForeignSignatures = false;

        var res = f.send(f.post("/v1/messages", REPLAY.replace("SIG", "EqQBsig-from-before-the-proxy-started")));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(new String(f.b.last().body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("EqQBsig-from-before-the-proxy-started"));
    }
}
