package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
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
 * A client only ever points at a profile the proxy can serve to it; one left behind by a switch stays
 * on its own profile's route instead of following the active profile. A, B: anthropic; C:
 * openai-responses; G: openai-chat (both clients use it through the proxy, which translates; not in direct mode).
 */
class ClientCompatibilityTest {
    private static final String NO_TRANSLATION = "the proxy translates Codex's requests only to the Chat Completions API"
            + " (openai-chat profiles)";

    @TempDir
    Path tmp;
    TestHome h;
    Path settings;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHome(tmp).set("SIGNALBOX_PORT", "5999");
        SwitchingPropertyTest.addProfiles(h);
        ok(sb(h, "sk-g", "profile", "add", "G", "--base-url", "https://g.example/v1", "--format", "openai-chat",
                "--model", "default=g-flash", "--key-stdin"));
        settings = h.claudeDir.resolve("settings.json");
        config = h.codexHome.resolve("config.toml");
    }

    private String claudeBaseUrl() throws Exception {
        JsonNode n = Json.MAPPER.readTree(Files.readAllBytes(settings)).path("env").get("ANTHROPIC_BASE_URL");
        return n == null ? null : n.asString();
    }

    private String active() throws Exception {
        return Json.MAPPER.readTree(Files.readAllBytes(h.signalboxHome.resolve("settings.json")))
                .get("activeProfile").asString();
    }

    @Test
    void usingAnAnthropicProfileKeepsCodexOnItsResponsesProfileThroughThatProfilesRouteAndSaysWhy() throws Exception {
        ok(sb(h, null, "use", "C", "--clients", "codex"));
        assertTrue(Files.readString(config).contains("base_url = \"http://127.0.0.1:5999/v1\""));
        CliRun.Result r = ok(sb(h, null, "use", "A"));
        String toml = Files.readString(config);
        assertTrue(toml.contains("base_url = \"http://127.0.0.1:5999/p/C/v1\""), toml);
        assertTrue(toml.contains("model = \"gpt-c\""), toml);
        assertTrue(r.err().contains("codex: A speaks the Anthropic Messages API; Codex speaks the OpenAI Responses"
                + " API; " + NO_TRANSLATION), r.err());
        assertTrue(r.err().contains("`signalbox use C --clients codex`"), r.err());
        assertTrue(r.out().contains("stays on 'C'"), r.out());
        assertEquals("http://127.0.0.1:5999", claudeBaseUrl());
        assertEquals("A", active());
    }

    @Test
    void usingAResponsesProfileAgainPutsCodexBackOnTheProxyRootAndPinsClaudeCodeToItsProfile() throws Exception {
        ok(sb(h, null, "use", "C", "--clients", "codex"));
        ok(sb(h, null, "use", "A"));
        CliRun.Result r = ok(sb(h, null, "use", "C"));
        assertTrue(Files.readString(config).contains("base_url = \"http://127.0.0.1:5999/v1\""), r.all());
        assertEquals("http://127.0.0.1:5999/p/A", claudeBaseUrl());
        assertTrue(r.err().contains("claude: C speaks the OpenAI Responses API, which Claude Code reaches through the"
                + " proxy's translation only when named; Claude Code stays on 'A' through http://127.0.0.1:5999/p/A so it"
                + " does not follow the active profile; fix: to send Claude Code there too: signalbox use C --clients"
                + " claude,codex"), r.err());
        ok(sb(h, null, "use", "B"));
        assertEquals("http://127.0.0.1:5999", claudeBaseUrl(), "a compatible use writes the root route again");
        assertTrue(Files.readString(config).contains("base_url = \"http://127.0.0.1:5999/p/C/v1\""));
    }

    @Test
    void claudeCodeReachesAResponsesProfileThroughTheProxyWhenNamed() throws Exception {
        CliRun.Result r = ok(sb(h, null, "use", "C", "--clients", "claude"));
        assertEquals("http://127.0.0.1:5999", claudeBaseUrl());
        assertTrue(r.all().contains("Claude Code speaks the Anthropic Messages API and 'C' the OpenAI Responses API: the"
                + " proxy translates each request and answer"), r.all());
        JsonNode claude = Json.MAPPER.readTree(ok(sb(h, null, "status", "--json")).out()).get("clients").get(0);
        assertEquals("C", claude.get("profile").asString());
        assertEquals("the OpenAI Responses API", claude.get("translatedTo").asString());

        CliRun.Result direct = sb(h, null, "use", "C", "--clients", "claude", "--mode", "direct");
        assertEquals(1, direct.code(), direct.all());
        assertTrue(direct.err().contains("direct mode cannot bridge them"), direct.err());
    }

    @Test
    void namingCodexExplicitlyWithAnAnthropicProfileExitsOneAndChangesNothing() throws Exception {
        ok(sb(h, null, "use", "C"));
        byte[] before = Files.readAllBytes(config);
        CliRun.Result r = sb(h, null, "use", "A", "--clients", "codex");
        assertEquals(1, r.code(), r::all);
        assertTrue(r.err().contains("A speaks the Anthropic Messages API; Codex speaks the OpenAI Responses API; "
                + NO_TRANSLATION), r.err());
        assertTrue(r.err().contains("fix: pick an openai-responses or openai-chat profile for Codex with `signalbox use C"
                + " --clients codex`"), r.err());
        assertArrayEquals(before, Files.readAllBytes(config));
        assertEquals("C", active(), "a refused use does not change the active profile");
        CliRun.Result both = sb(h, null, "use", "A", "--clients", "claude,codex");
        assertEquals(1, both.code(), both::all);
        assertFalse(Files.exists(settings), "nothing is written for the other named client either");
    }

    @Test
    void bothClientsReachAChatCompletionsProfileThroughTheProxyButNotInDirectMode() throws Exception {
        ok(sb(h, null, "use", "C", "--clients", "codex"));
        ok(sb(h, null, "use", "A", "--clients", "claude"));
        CliRun.Result r = ok(sb(h, null, "use", "G"));
        assertEquals("G", active());
        assertEquals("http://127.0.0.1:5999", claudeBaseUrl(), "Claude Code follows the active profile: " + r.all());
        String toml = Files.readString(config);
        assertTrue(toml.contains("base_url = \"http://127.0.0.1:5999/v1\""), "so does Codex: " + toml);
        assertTrue(toml.contains("wire_api = \"responses\""), toml);
        assertTrue(toml.contains("model = \"g-flash\""), toml);
        assertTrue(r.err().contains("Claude Code speaks the Anthropic Messages API and 'G' the OpenAI Chat Completions API:"
                + " the proxy translates each request and answer"), r.err());
        assertTrue(r.err().contains("Codex speaks the OpenAI Responses API and 'G' the OpenAI Chat Completions API"), r.err());
        CliRun.Result status = ok(sb(h, null, "status"));
        assertTrue(status.out().contains("uses 'G' (follows the active profile), translated by the proxy to the OpenAI"
                + " Chat Completions API"), status.out());
        JsonNode clients = Json.MAPPER.readTree(ok(sb(h, null, "status", "--json")).out()).get("clients");
        assertEquals("the OpenAI Chat Completions API", clients.get(0).get("translatedTo").asString());
        assertEquals("the OpenAI Chat Completions API", clients.get(1).get("translatedTo").asString());

        // direct mode cannot translate: refused, nothing written, and the fix is the proxy
        byte[] before = Files.readAllBytes(settings);
        CliRun.Result direct = sb(h, null, "use", "G", "--clients", "claude", "--mode", "direct");
        assertEquals(1, direct.code(), direct::all);
        assertTrue(direct.err().contains("G speaks the OpenAI Chat Completions API; Claude Code speaks the Anthropic"
                + " Messages API; direct mode cannot bridge them (the proxy translates between them)"), direct.err());
        assertTrue(direct.err().contains("signalbox use G (without --mode direct)"), direct.err());
        assertArrayEquals(before, Files.readAllBytes(settings));
        CliRun.Result codex = sb(h, null, "use", "G", "--clients", "codex", "--mode", "direct");
        assertEquals(1, codex.code(), codex::all);
        assertTrue(codex.err().contains("G speaks the OpenAI Chat Completions API; Codex speaks the OpenAI Responses"
                + " API; direct mode cannot bridge them (the proxy translates between them)"), codex.err());
    }

    @Test
    void aClientOnTheProxyRootWithNoKnownEarlierProfileIsLeftAloneAndTold() throws Exception {
        String mine = "{\"env\": {\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:5999\"}}\n";
        Files.writeString(settings, mine);
        CliRun.Result r = ok(sb(h, null, "use", "C"));
        assertEquals(mine, Files.readString(settings));
        assertTrue(r.err().contains("knows no earlier profile"), r.err());
    }

    @Test
    void statusShowsWhichProfileEachClientReallyUsesAndFlagsAPairingItCannotUse() throws Exception {
        ok(sb(h, null, "use", "C", "--clients", "codex"));
        ok(sb(h, null, "use", "A"));
        JsonNode s = Json.MAPPER.readTree(ok(sb(h, null, "status", "--json")).out());
        JsonNode claude = s.get("clients").get(0);
        JsonNode codex = s.get("clients").get(1);
        assertEquals("A", claude.get("profile").asString());
        assertEquals("active", claude.get("route").asString());
        assertEquals("C", codex.get("profile").asString());
        assertEquals("pinned", codex.get("route").asString());
        assertNull(claude.get("problem"));
        assertNull(codex.get("problem"));
        assertNull(claude.get("translatedTo"), "an anthropic profile is not translated for Claude Code");

        // the app or the proxy changes the active profile without `use`: Claude Code follows it into C, which the
        // proxy translates for it
        Signalbox box = Signalbox.open(h.env(), w -> { });
        box.settings().update(x -> x.withActiveProfile("C"));
        CliRun.Result text = ok(sb(h, null, "status"));
        assertTrue(text.out().contains("uses 'C' (follows the active profile), translated by the proxy to the OpenAI"
                + " Responses API"), text.out());
        assertTrue(text.out().contains("uses 'C' (pinned to its own route)"), text.out());
        assertFalse(text.out().contains("INCOMPATIBLE"), text.out());

        // Codex on the proxy root when the active profile becomes one it cannot use
        ok(sb(h, null, "use", "C", "--clients", "codex"));
        box.settings().update(x -> x.withActiveProfile("A"));
        CliRun.Result flagged = ok(sb(h, null, "status"));
        assertTrue(flagged.out().contains("INCOMPATIBLE: A speaks the Anthropic Messages API; Codex speaks"), flagged.out());
        assertTrue(flagged.err().contains("codex cannot use 'A'"), flagged.err());
    }
    @Test
    void movingTheProxysPortRepointsTheRootAndPinnedRoutesAndKeepsEverythingElseInTheFiles() throws Exception {
        ok(sb(h, null, "use", "C", "--clients", "codex"));
        ok(sb(h, null, "use", "A"));
        // the user's own entries next to Signalbox's
        String json = Files.readString(settings);
        Files.writeString(settings, json.replaceFirst("\\{", "{\n  \"permissions\": {\"allow\": [\"Bash(ls)\"]},"));
        Files.writeString(config, Files.readString(config) + "\n# my note\n[profiles.mine]\nmodel = \"o3\"\n");
        String userJson = Files.readString(settings);
        String userToml = Files.readString(config);

        Signalbox box = Signalbox.open(h.env(), w -> { });
        var out = new Switcher(box).movePort(5999, 6111);

        assertEquals(2, out.size(), out.toString());
        assertEquals("http://127.0.0.1:6111", claudeBaseUrl());
        String toml = Files.readString(config);
        assertTrue(toml.contains("base_url = \"http://127.0.0.1:6111/p/C/v1\""), toml);
        assertEquals(userJson.replace("127.0.0.1:5999", "127.0.0.1:6111"), Files.readString(settings));
        assertEquals(userToml.replace("127.0.0.1:5999", "127.0.0.1:6111"), toml);
        assertEquals("A", active(), "moving the port switches no profile");

        // a file that does not address the proxy on that port is left alone
        assertEquals(java.util.List.of(), new Switcher(box).movePort(5999, 6222));
        assertEquals("http://127.0.0.1:6111", claudeBaseUrl());
    }
}
