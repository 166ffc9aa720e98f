package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.profile.Profile;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** env, run, import and status. */
class SessionImportStatusTest {
    @TempDir
    Path tmp;
    TestHome h;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHome(tmp).set("SIGNALBOX_PORT", "6001");
        SwitchingPropertyTest.addProfiles(h);
    }

    private String token() throws Exception {
        return Files.readString(h.signalboxHome.resolve("local-token")).strip();
    }

    @Test
    void envInProxyModePrintsQuotedExportsForTheProfilesRouteWithOnlyTheLocalToken() throws Exception {
        CliRun.Result r = ok(sb(h, null, "env", "A"));
        assertTrue(r.out().contains("export ANTHROPIC_BASE_URL='http://127.0.0.1:6001/p/A'\n"), r.out());
        assertTrue(r.out().contains("export ANTHROPIC_AUTH_TOKEN='" + token() + "'\n"), r.out());
        assertTrue(r.out().contains("unset ANTHROPIC_API_KEY\n"), r.out());
        assertTrue(r.out().contains("export CLAUDE_CODE_SUBAGENT_MODEL='claude-signalbox-subagent'\n"), r.out());
        assertFalse(r.all().contains("sk-ant-a"), r.all());
        assertFalse(Files.exists(h.claudeDir.resolve("settings.json")), "env touches no file");
        assertEquals("", r.err(), "no settings.json in the way: no warning");
    }

    @Test
    void envSaysOnStderrWhenClaudeCodesSettingsJsonWouldOverrideTheExportsAndHowToGetProfileAnyway() throws Exception {
        ok(sb(h, null, "use", "A", "--clients", "claude"));
        Path settings = h.claudeDir.resolve("settings.json");
        CliRun.Result r = ok(sb(h, null, "env", "B"));
        assertTrue(r.err().contains("Claude Code will not use these variables for ANTHROPIC_BASE_URL"), r.err());
        assertTrue(r.err().contains("the env block of " + settings.toAbsolutePath() + " sets them"), r.err());
        assertTrue(r.err().contains("signalbox run B -- claude") && r.err().contains(
                "signalbox restore --clients claude"), r.err());
        assertFalse(r.err().contains(token()), "values stay out of the warning");
        r.out().lines().forEach(l -> assertTrue(l.startsWith("export ") || l.startsWith("unset ")
                || l.startsWith("# "), () -> "stdout stays eval-able: " + l));

        // the user's own entries (not Signalbox's): the fix is to remove them
        ok(sb(h, null, "restore", "--clients", "claude"));
        Files.writeString(settings, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://mine.example\"}}");
        String err = ok(sb(h, null, "env", "B")).err();
        assertTrue(err.contains("ANTHROPIC_BASE_URL") && err.contains("remove those entries from that env block")
                && !err.contains("restore"), err);

        Files.writeString(settings, "{\"env\": {\"OTHER\": \"x\"}, \"permissions\": {}}");
        assertEquals("", ok(sb(h, null, "env", "B")).err(), "nothing in the way: no warning");
    }

    @Test
    void runClaudeAddsTheProfileAsSettingsRightAfterTheExecutableInAPrivateFileDeletedAfterwards() throws Exception {
        ok(sb(h, null, "use", "B", "--clients", "claude", "--mode", "direct"));
        Path settings = h.claudeDir.resolve("settings.json");
        String before = Files.readString(settings);
        Path claude = Files.createDirectories(tmp.resolve("bin")).resolve("claude");
        Path seen = tmp.resolve("claude-args.txt");
        Files.writeString(claude, "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + seen + "\nstat -c %a \"$2\" >> " + seen
                + "\ncat \"$2\" >> " + seen + "\nexit 5\n");
        claude.toFile().setExecutable(true);
        CliRun.Result r = sb(h, null, "run", "A", "--", claude.toString(), "-p", "--settings-like", "it's");
        assertEquals(5, r.code(), r::all);
        java.util.List<String> lines = Files.readAllLines(seen);
        assertEquals("--settings", lines.get(0));
        Path file = Path.of(lines.get(1));
        assertEquals(java.util.List.of("-p", "--settings-like", "it's"), lines.subList(2, 5), "the user's arguments");
        assertEquals("600", lines.get(5), "only the user can read it");
        JsonNode env = Json.MAPPER.readTree(String.join("\n", lines.subList(6, lines.size()))).get("env");
        assertEquals("http://127.0.0.1:6001/p/A", env.get("ANTHROPIC_BASE_URL").asString());
        assertEquals(token(), env.get("ANTHROPIC_AUTH_TOKEN").asString());
        assertEquals("", env.get("ANTHROPIC_API_KEY").asString(), "settings.json's key is unset for the run");
        assertEquals("claude-signalbox-default", env.get("ANTHROPIC_MODEL").asString());
        assertFalse(Files.exists(file), "deleted when the command ended");
        assertFalse(lines.stream().anyMatch(l -> l.contains("sk-ant")), "no provider key in proxy mode");
        assertEquals(before, Files.readString(settings), "run leaves settings.json alone");
    }

    @Test
    void runOfAProfileClaudeCodeCannotUseSuggestsRunWithOneItCan() {
        CliRun.Result r = sb(h, null, "run", "C", "--mode", "direct", "--", "claude", "-p", "hi");
        assertEquals(1, r.code(), r::all);
        assertTrue(r.err().contains("fix: use it through the proxy, which translates Claude Code's requests: signalbox"
                + " run C -- claude (without --mode direct)"), r.err());
        assertFalse(r.err().contains("signalbox env"), r.err());
    }

    @Test
    void envInDirectModePrintsTheProvidersOwnVariables() {
        CliRun.Result r = ok(sb(h, null, "env", "B", "--mode", "direct"));
        assertTrue(r.out().contains("export ANTHROPIC_BASE_URL='https://b.example/api'\n"), r.out());
        assertTrue(r.out().contains("export ANTHROPIC_API_KEY='sk-ant-b'\n"), r.out());
        assertTrue(r.out().contains("unset ANTHROPIC_AUTH_TOKEN\n"), r.out());
    }

    @Test
    void envSaysInACommentThatCodexIgnoresTheVariablesAndHowToRunCodexInstead() {
        CliRun.Result r = ok(sb(h, null, "env", "A"));
        assertTrue(r.out().contains("# Codex ignores these variables (it reads its provider from config.toml)"),
                r.out());
        assertTrue(r.out().contains("signalbox run C -- codex\n"), r.out());
    }

    @Test
    void envForAProfileClaudeCodeCannotUseExitsOneAndPointsCodexAtRun() {
        CliRun.Result r = sb(h, null, "env", "C", "--mode", "direct");
        assertEquals(1, r.code(), r::all);
        assertEquals("", r.out());
        assertTrue(r.err().contains("C speaks the OpenAI Responses API; Claude Code speaks the Anthropic Messages"
                + " API; direct mode cannot bridge them"), r.err());
        assertTrue(r.err().contains("signalbox env C (without --mode direct)"), r.err());
        // through the proxy, which translates for Claude Code, the same profile is fine
        assertTrue(ok(sb(h, null, "env", "C")).out().contains("export ANTHROPIC_BASE_URL='http://127.0.0.1:6001/p/C'"));
    }

    @Test
    void runCodexPassesTheProfilesRouteAsOverridesAndTheTokenOnlyInItsEnvironment() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path codex = bin.resolve("codex");
        Path seen = tmp.resolve("codex-args.txt");
        Files.writeString(codex, "#!/bin/sh\nprintf '%s\\n' \"$@\" \"key=$SIGNALBOX_CODEX_KEY\" > " + seen + "\nexit 3\n");
        codex.toFile().setExecutable(true);
        Path config = h.codexHome.resolve("config.toml");
        Files.writeString(config, "model = \"mine\"\n");
        CliRun.Result r = sb(h, null, "run", "C", "--", codex.toString(), "exec", "hi");
        assertEquals(3, r.code(), r::all);
        java.util.List<String> args = Files.readAllLines(seen);
        assertEquals(java.util.List.of("exec", "hi", "key=" + token()), args.subList(args.size() - 3, args.size()));
        assertTrue(args.contains("model_provider=\"signalbox-session\""), args.toString());
        assertTrue(args.contains("model_providers.signalbox-session.base_url=\"http://127.0.0.1:6001/p/C/v1\""),
                args.toString());
        assertTrue(args.contains("model_providers.signalbox-session.env_key=\"SIGNALBOX_CODEX_KEY\""),
                args.toString());
        assertTrue(args.contains("model=\"gpt-c\""), args.toString());
        String tok = token();
        assertFalse(args.subList(0, args.size() - 1).stream().anyMatch(a -> a.contains(tok)),
                "the token is not on the command line");
        assertEquals("model = \"mine\"\n", Files.readString(config), "run touches no file");
    }

    @Test
    void runCodexWithAnAnthropicProfileExitsOneWithoutStartingIt() {
        CliRun.Result r = sb(h, null, "run", "A", "--", "codex", "exec", "hi");
        assertEquals(1, r.code(), r::all);
        assertTrue(r.err().contains("A speaks the Anthropic Messages API; Codex speaks the OpenAI Responses API"),
                r.err());
        assertTrue(r.err().contains("with `signalbox run C -- codex`"), r.err());
        assertFalse(r.err().contains("signalbox use"), "a one-run fix, not one that writes files: " + r.err());
    }

    @Test
    void shellQuotingSurvivesSingleQuotes() {
        assertEquals("'it'\\''s'", SessionVars.shellQuote("it's"));
    }

    @Test
    void runStartsTheCommandWithTheProfilesVariablesAndExitsWithItsCode() throws Exception {
        h.set("ANTHROPIC_API_KEY", "from-the-shell");
        Path out = tmp.resolve("seen.txt");
        CliRun.Result r = sb(h, null, "run", "A", "--", "sh", "-c",
                "printf '%s|%s|%s' \"$ANTHROPIC_BASE_URL\" \"$ANTHROPIC_AUTH_TOKEN\" \"${ANTHROPIC_API_KEY-unset}\" > "
                        + out + "; exit 7");
        assertEquals(7, r.code(), r::all);
        assertEquals("http://127.0.0.1:6001/p/A|" + token() + "|unset", Files.readString(out));
    }

    @Test
    void importClaudeTurnsTheUsersOwnSetupIntoAProfileWithTheKeyInTheSecretStore() throws Exception {
        Files.writeString(h.claudeDir.resolve("settings.json"), "{\"env\": {\"ANTHROPIC_BASE_URL\": "
                + "\"https://gw.example/anthropic\", \"ANTHROPIC_AUTH_TOKEN\": \"tok-mine\", \"ANTHROPIC_MODEL\": "
                + "\"glm-5\", \"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"glm-air\"}}");
        CliRun.Result r = ok(sb(h, null, "import", "claude", "--name", "mine"));
        assertFalse(r.all().contains("tok-mine"), r.all());
        Signalbox box = Signalbox.open(h.env(), w -> { });
        Profile p = box.profiles().get("mine");
        assertEquals("https://gw.example/anthropic", p.baseUrl());
        assertEquals("glm-5", p.models().fallback());
        assertEquals("glm-air", p.models().haiku());
        assertEquals("tok-mine", box.secrets().get("mine").orElseThrow());
    }

    @Test
    void importAfterUseTakesTheUsersValuesFromBeforeSignalbox() throws Exception {
        Files.writeString(h.claudeDir.resolve("settings.json"), "{\"env\": {\"ANTHROPIC_BASE_URL\": "
                + "\"https://gw.example\", \"ANTHROPIC_API_KEY\": \"key-mine\"}}");
        ok(sb(h, null, "use", "A", "--clients", "claude"));
        ok(sb(h, null, "import", "claude"));
        Signalbox box = Signalbox.open(h.env(), w -> { });
        Profile p = box.profiles().get("imported-claude");
        assertEquals("https://gw.example", p.baseUrl());
        assertEquals("x-api-key", p.auth().id());
        assertEquals("key-mine", box.secrets().get("imported-claude").orElseThrow());
    }

    @Test
    void importClaudeTakesALocalServerOnAnotherPortAsTheUsersOwn() throws Exception {
        Files.writeString(h.claudeDir.resolve("settings.json"), "{\"env\": {\"ANTHROPIC_BASE_URL\": "
                + "\"http://127.0.0.1:11434\", \"ANTHROPIC_AUTH_TOKEN\": \"ollama\"}}");
        ok(sb(h, null, "import", "claude", "--name", "local"));
        Signalbox box = Signalbox.open(h.env(), w -> { });
        assertEquals("http://127.0.0.1:11434", box.profiles().get("local").baseUrl());
    }

    @Test
    void importClaudeRefusesTheProxysOwnPortOn127AndLocalhostAlike() throws Exception {
        for (String base : new String[] {"http://127.0.0.1:6001", "http://localhost:6001/p/A"}) {
            Files.writeString(h.claudeDir.resolve("settings.json"), "{\"env\": {\"ANTHROPIC_BASE_URL\": \""
                    + base + "\", \"ANTHROPIC_AUTH_TOKEN\": \"tok\"}}");
            CliRun.Result r = sb(h, null, "import", "claude", "--name", "x");
            assertEquals(1, r.code(), r::all);
            assertTrue(r.err().contains("already points at Signalbox's proxy (" + base + ")"), r.err());
        }
    }

    @Test
    void importOnAFileHoldingOnlySignalboxsSettingsSaysThereIsNothingToImport() throws Exception {
        Files.writeString(h.claudeDir.resolve("settings.json"), "{\"theme\": \"dark\"}");
        ok(sb(h, null, "use", "A", "--clients", "claude"));
        CliRun.Result r = sb(h, null, "import", "claude");
        assertEquals(1, r.code(), r::all);
        assertTrue(r.err().contains(h.claudeDir.resolve("settings.json") + " holds Signalbox's own settings"), r.err());
        assertTrue(r.err().contains("there is nothing to import"), r.err());
        assertFalse(r.err().contains("no ANTHROPIC_BASE_URL in"), r.err());
        assertTrue(r.err().contains("  fix: "), r.err());
    }

    @Test
    void importCodexWithoutAKeySaysHowToStoreOne() throws Exception {
        Files.writeString(h.codexHome.resolve("config.toml"), "model = \"gpt-5\"\n");
        CliRun.Result r = ok(sb(h, null, "import", "codex", "--name", "oa"));
        assertTrue(r.out().contains("no key found"), r.out());
        assertTrue(r.err().contains("  fix: store the key with: signalbox profile edit oa --key-stdin"), r.err());
    }

    @Test
    void importCodexReadsTheProviderTableAndTheKeyFromItsEnvKey() throws Exception {
        h.set("DS_KEY", "sk-ds");
        Files.writeString(h.codexHome.resolve("config.toml"), "model_provider = \"ds\"\nmodel = \"deepseek-chat\"\n\n"
                + "[model_providers.ds]\nname = \"DeepSeek\"\nbase_url = \"https://api.deepseek.com/v1\"\n"
                + "wire_api = \"chat\"\nenv_key = \"DS_KEY\"\n");
        ok(sb(h, null, "import", "codex", "--name", "ds"));
        Signalbox box = Signalbox.open(h.env(), w -> { });
        Profile p = box.profiles().get("ds");
        assertEquals("https://api.deepseek.com/v1", p.baseUrl());
        assertEquals("openai-chat", p.format().id());
        assertEquals("deepseek-chat", p.models().fallback());
        assertEquals("sk-ds", box.secrets().get("ds").orElseThrow());
    }

    @Test
    void theStartupFileScanLooksInHomeFromTheEnvironment() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other-home"));
        Files.writeString(other.resolve(".bashrc"), "export ANTHROPIC_BASE_URL=https://x\n");
        java.util.Map<String, String> vars = new java.util.HashMap<>(h.vars());
        vars.put("HOME", other.toString());
        Process p = io.signalbox.testsupport.JvmProcess.builder(vars, io.signalbox.cli.Main.class, "status")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("ANTHROPIC_BASE_URL is exported at " + other.resolve(".bashrc") + ":1"), out);
    }

    @Test
    void statusAndUseNameShellStartupFilesAndLinesThatOverrideTheWrittenConfig() throws Exception {
        Files.writeString(h.home.resolve(".bashrc"), "# mine\nalias ll='ls -l'\nexport ANTHROPIC_BASE_URL=https://x\n");
        Files.createDirectories(h.home.resolve(".config/fish"));
        Files.writeString(h.home.resolve(".config/fish/config.fish"), "set -gx OPENAI_API_KEY sk-fish\n");
        h.set("ANTHROPIC_MODEL", "opus");
        ok(sb(h, null, "use", "C", "--clients", "codex"));
        CliRun.Result use = ok(sb(h, null, "use", "A"));
        assertTrue(use.err().contains(h.home.resolve(".bashrc") + ":3"), use.err());
        assertTrue(use.err().contains("config.fish:1"), use.err());
        assertTrue(use.err().contains("ANTHROPIC_MODEL is set in this environment"), use.err());
        assertFalse(use.all().contains("sk-fish"), "values are never shown");
        CliRun.Result st = ok(sb(h, null, "status", "--json"));
        JsonNode s = Json.MAPPER.readTree(st.out());
        assertEquals("A", s.get("activeProfile").asString());
        assertEquals(6001, s.get("port").asInt());
        assertEquals("http://127.0.0.1:6001", s.get("clients").get(0).get("baseUrl").asString());
        assertEquals("http://127.0.0.1:6001/p/C/v1", s.get("clients").get(1).get("baseUrl").asString());
        assertEquals(3, s.get("conflicts").size(), st.out());
        assertFalse(st.out().contains(token()), "status shows no credential");
        CliRun.Result text = ok(sb(h, null, "status"));
        assertTrue(text.out().contains("active profile: A"), text.out());
        assertTrue(text.err().contains(".bashrc:3"), text.err());
    }

    /** What the real Claude Code does (RealClientsTest): settings.json's env block wins over the environment. */
    @Test
    void statusSaysClaudeCodeIgnoresAVariableSettingsJsonSetsAndUsesOneItDoesNot() throws Exception {
        ok(sb(h, null, "use", "A", "--clients", "claude"));
        h.set("ANTHROPIC_BASE_URL", "https://elsewhere.example").set("ANTHROPIC_API_KEY", "sk-env");
        CliRun.Result st = ok(sb(h, null, "status"));
        Path settings = h.claudeDir.resolve("settings.json").toAbsolutePath();
        assertTrue(st.err().contains("ANTHROPIC_BASE_URL is set in this environment, but Claude Code ignores it: the"
                + " env block of " + settings + " sets ANTHROPIC_BASE_URL"), st.err());
        assertTrue(st.err().contains("signalbox run NAME -- claude"), st.err());
        assertTrue(st.err().contains("ANTHROPIC_API_KEY is set in this environment and Claude Code uses it on top of"
                + " what its settings.json sets"), st.err());
        assertFalse(st.err().contains("overrides the client config"), st.err());
        assertFalse(st.all().contains("sk-env"), "values are never shown");
        JsonNode conflicts = Json.MAPPER.readTree(ok(sb(h, null, "status", "--json")).out()).get("conflicts");
        assertEquals(settings.toString(), conflicts.get(1).get("ignoredBecause").asString(), conflicts.toString());
        assertTrue(conflicts.get(0).get("ignoredBecause").isNull(), conflicts.toString());
    }
}
