package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A profile's context window reaches Claude Code as CLAUDE_CODE_MAX_CONTEXT_TOKENS, next to the
 * model names it describes; the variable is Signalbox's while it manages the file, and the user's
 * own value comes back on restore.
 */
class ContextWindowTest {
    private static final String VAR = ClaudeVars.CONTEXT_WINDOW;

    @TempDir
    Path tmp;
    TestHome h;
    Path settings;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHome(tmp).set("SIGNALBOX_PORT", "5999");
        settings = h.claudeDir.resolve("settings.json");
    }

    private JsonNode env() throws Exception {
        return Json.MAPPER.readTree(Files.readAllBytes(settings)).path("env");
    }

    @Test
    void aPresetsWindowIsWrittenWithItsModelsAndRemovedForAProfileThatMapsNone() throws Exception {
        ok(sb(h, "sk-ds", "profile", "add", "ds", "--preset", "deepseek", "--key-stdin"));
        ok(sb(h, "sk-ant", "profile", "add", "ant", "--preset", "anthropic", "--key-stdin"));
        JsonNode shown = Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", "ds", "--json")).out());
        assertEquals(128000, shown.get("contextWindow").asInt());
        assertTrue(ok(sb(h, null, "profile", "show", "ds")).out().contains("context window: 128,000 tokens"));

        CliRun.Result use = ok(sb(h, null, "use", "ds", "--clients", "claude"));
        assertEquals("128000", env().get(VAR).asString(), "a string, as every env value in settings.json");
        assertFalse(use.err().contains("does not know the context window"), use.err());

        ok(sb(h, null, "use", "ant", "--clients", "claude"));
        assertNull(env().get(VAR), "Claude Code knows Anthropic's own models: no window is written");

        ok(sb(h, null, "use", "ds", "--mode", "direct", "--clients", "claude"));
        assertEquals("128000", env().get(VAR).asString(), "direct mode names the real models: same window");
    }

    @Test
    void theWindowIsGivenInTokensWithKOrMAndCanBeForgotten() throws Exception {
        ok(sb(h, "sk", "profile", "add", "gw", "--base-url", "https://gw.example", "--model", "default=house-7b",
                "--context-window", "32k", "--key-stdin"));
        assertEquals(32000, Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", "gw", "--json")).out())
                .get("contextWindow").asInt());
        ok(sb(h, null, "profile", "edit", "gw", "--context-window", "1.5m"));
        assertEquals(1500000, Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", "gw", "--json")).out())
                .get("contextWindow").asInt());
        ok(sb(h, null, "profile", "edit", "gw", "--context-window", "200,000"));
        assertEquals(200000, Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", "gw", "--json")).out())
                .get("contextWindow").asInt());

        for (String bad : new String[] {"12x", "0", "-5k", "0.5", "500"}) {
            CliRun.Result r = sb(h, null, "profile", "edit", "gw", "--context-window", bad);
            // not a token count: a usage error (2); a count no model has: the profile is refused (1)
            assertEquals(bad.equals("500") ? 1 : 2, r.code(), bad + ": " + r.all());
            assertTrue(r.err().contains("fix:") && (r.err().contains("is not a token count")
                    || r.err().contains("is not plausible")), r.err());
        }
        assertEquals(200000, Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", "gw", "--json")).out())
                .get("contextWindow").asInt(), "a refused edit changes nothing");

        ok(sb(h, null, "profile", "edit", "gw", "--unset-context-window"));
        assertNull(Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", "gw", "--json")).out())
                .get("contextWindow"));
        CliRun.Result use = ok(sb(h, null, "use", "gw", "--clients", "claude"));
        assertNull(env().get(VAR));
        assertTrue(use.err().contains("Claude Code does not know the context window of 'gw''s models")
                && use.err().contains("signalbox profile edit gw --context-window"), use.err());
    }

    @Test
    void theUsersOwnValueComesBackOnRestoreEvenFromAStateWrittenBeforeSignalboxOwnedTheVariable()
            throws Exception {
        Files.createDirectories(settings.getParent());
        String mine = "{\n  \"env\": {\n    \"" + VAR + "\": \"300000\",\n    \"FOO\": \"bar\"\n  }\n}\n";
        Files.writeString(settings, mine);
        ok(sb(h, "sk-ds", "profile", "add", "ds", "--preset", "deepseek", "--key-stdin"));
        ok(sb(h, null, "use", "ds", "--clients", "claude"));
        assertEquals("128000", env().get(VAR).asString());

        // a state file from a version that did not own the variable: its snapshot lacks it
        Path state = h.signalboxHome.resolve("client-state.json");
        ObjectNode st = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(state));
        st.findParents("owned").forEach(n -> ((ObjectNode) n.get("owned")).remove(VAR));
        Files.write(state, Json.MAPPER.writeValueAsBytes(st));
        // the user edits the file meanwhile, so restore merges rather than copying the original back
        Files.writeString(settings, Files.readString(settings).replace("\"FOO\": \"bar\"", "\"FOO\": \"baz\""));

        ok(sb(h, null, "restore", "--clients", "claude"));
        assertEquals("300000", env().get(VAR).asString());
        assertEquals("baz", env().get("FOO").asString());
    }

    @Test
    void importingClaudeCodesSetupKeepsTheWindowTheUserGaveIt() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://gw.example\", \"ANTHROPIC_AUTH_TOKEN\":"
                + " \"sk-gw\", \"ANTHROPIC_MODEL\": \"house-7b\", \"" + VAR + "\": \"64000\"}}");
        ok(sb(h, null, "import", "claude", "--name", "gw"));
        assertEquals(64000, Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", "gw", "--json")).out())
                .get("contextWindow").asInt());
    }
}
