package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * A profile's output cap reaches Claude Code as CLAUDE_CODE_MAX_OUTPUT_TOKENS in either mode; the
 * variable is Signalbox's while it manages the file, and the user's own value comes back when a profile
 * without a cap is used, and on restore. (That the proxy lowers max_tokens is shown by OutputCapTest and,
 * with the real Claude Code, by ClaudeCodeThroughProxyTest.)
 */
class MaxOutputTest {
    private static final String VAR = ClaudeVars.MAX_OUTPUT;

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

    private JsonNode shown(String name) throws Exception {
        return Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", name, "--json")).out());
    }

    @Test
    void theCapIsWrittenInEitherModeAndRemovedForAProfileWithout() throws Exception {
        ok(sb(h, "sk-ds", "profile", "add", "ds", "--preset", "deepseek", "--max-output", "8k", "--key-stdin"));
        ok(sb(h, "sk-ant", "profile", "add", "ant", "--preset", "anthropic", "--key-stdin"));
        assertEquals(8000, shown("ds").get("maxOutputTokens").asInt());
        assertTrue(ok(sb(h, null, "profile", "show", "ds")).out().contains("max output: 8,000 tokens"));
        assertTrue(Files.readString(h.signalboxHome.resolve("profiles.json")).contains("\"maxOutputTokens\" : 8000"));

        ok(sb(h, null, "use", "ds", "--clients", "claude"));
        assertEquals("8000", env().get(VAR).asString(), "a string, as every env value in settings.json");
        ok(sb(h, null, "use", "ant", "--clients", "claude"));
        assertNull(env().get(VAR));
        ok(sb(h, null, "use", "ds", "--mode", "direct", "--clients", "claude"));
        assertEquals("8000", env().get(VAR).asString(), "direct mode: Claude Code's own limit is the only one");
        assertTrue(ok(sb(h, null, "env", "ds")).out().contains("export " + VAR + "='8000'"));
    }

    @Test
    void theCapIsGivenInTokensAndCanBeForgotten() throws Exception {
        ok(sb(h, "sk", "profile", "add", "gw", "--base-url", "https://gw.example", "--max-output", "32,000", "--key-stdin"));
        assertEquals(32000, shown("gw").get("maxOutputTokens").asInt());
        ok(sb(h, null, "profile", "edit", "gw", "--max-output", "8192"));
        assertEquals(8192, shown("gw").get("maxOutputTokens").asInt());

        for (String bad : new String[] {"12x", "0", "-5k", "0.5", "100", "20m"}) {
            CliRun.Result r = sb(h, null, "profile", "edit", "gw", "--max-output", bad);
            // not a token count: a usage error (2); a count no model has: the profile is refused (1)
            assertEquals(bad.equals("100") || bad.equals("20m") ? 1 : 2, r.code(), bad + ": " + r.all());
            assertTrue(r.err().contains("fix:") && (r.err().contains("output cap '" + bad + "' is not a token count")
                    || r.err().contains("is not plausible")), r.err());
        }
        assertEquals(8192, shown("gw").get("maxOutputTokens").asInt(), "a refused edit changes nothing");

        ok(sb(h, null, "profile", "edit", "gw", "--unset-max-output"));
        assertNull(shown("gw").get("maxOutputTokens"));
        ok(sb(h, null, "use", "gw", "--clients", "claude"));
        assertNull(env().get(VAR));
    }

    @Test
    void theUsersOwnValueComesBackForAProfileWithoutACapAndOnRestore() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\n  \"env\": {\n    \"" + VAR + "\": \"16000\",\n    \"FOO\": \"bar\"\n  }\n}\n");
        ok(sb(h, "sk-ds", "profile", "add", "ds", "--preset", "deepseek", "--max-output", "8k", "--key-stdin"));
        ok(sb(h, "sk-ant", "profile", "add", "ant", "--preset", "anthropic", "--key-stdin"));

        ok(sb(h, null, "use", "ds", "--clients", "claude"));
        assertEquals("8000", env().get(VAR).asString());
        ok(sb(h, null, "use", "ant", "--clients", "claude"));
        assertEquals("16000", env().get(VAR).asString(), "no cap from Signalbox: the user's own limit again");
        ok(sb(h, null, "use", "ds", "--clients", "claude"));
        ok(sb(h, null, "restore", "--clients", "claude"));
        assertEquals("16000", env().get(VAR).asString());
        assertEquals("bar", env().get("FOO").asString());
    }

    @Test
    void importingClaudeCodesSetupKeepsTheCapTheUserGaveIt() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://gw.example\", \"ANTHROPIC_AUTH_TOKEN\":"
                + " \"sk-gw\", \"ANTHROPIC_MODEL\": \"house-7b\", \"" + VAR + "\": \"12000\"}}");
        ok(sb(h, null, "import", "claude", "--name", "gw"));
        assertEquals(12000, shown("gw").get("maxOutputTokens").asInt());
    }
}
