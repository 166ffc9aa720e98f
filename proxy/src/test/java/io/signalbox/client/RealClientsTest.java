package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.Parts;
import io.signalbox.testsupport.TestHome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code and Codex CLIs (from npm) accept what {@code use} writes: started with
 * nothing but the written config directory, they reach a local mock with the right path,
 * credential header and model. In proxy mode the mock stands in for the Signalbox proxy.
 */
class RealClientsTest {
    private static final String FEATURES_OFF = "[features]\nplugins = false\nremote_plugin = false\napps = false\n";

    @TempDir
    Path tmp;

    static Path client(String name) {
        String var = "SIGNALBOX_" + name.toUpperCase(java.util.Locale.ROOT) + "_BIN";
        Optional<Path> p = Optional.ofNullable(System.getenv(var)).filter(s -> !s.isBlank()).map(Path::of)
                .or(() -> Parts.onPath(name));
        Parts.require(p.isPresent(), "the " + name + " CLI (set " + var + " or put it on PATH)",
                "npm install -g " + (name.equals("claude") ? "@anthropic-ai/claude-code" : "@openai/codex"));
        return p.orElseThrow();
    }

    private static String run(List<String> cmd, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = dir.resolve("client-output.txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(new File("/dev/null"));
        Process p = pb.start();
        try {
            boolean done = p.waitFor(90, TimeUnit.SECONDS);
            assertTrue(done, () -> "client did not finish in 90 s:\n" + readQuiet(out));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return readQuiet(out);
    }

    private static String readQuiet(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private String runClaude(TestHome h) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", h.home.toString());
        env.put("CLAUDE_CONFIG_DIR", h.claudeDir.toString());
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("PATH", System.getenv("PATH"));
        return run(List.of(client("claude").toString(), "-p", "say hi", "--output-format", "text"), env,
                Files.createDirectories(h.root.resolve("work")));
    }

    private String runCodex(TestHome h) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", h.home.toString());
        env.put("CODEX_HOME", h.codexHome.toString());
        env.put("PATH", System.getenv("PATH"));
        return run(List.of(client("codex").toString(), "exec", "--skip-git-repo-check", "say hi"), env,
                Files.createDirectories(h.root.resolve("work")));
    }

    private static MockUpstream.Seen messages(MockUpstream m, String output) {
        return m.seen.stream().filter(s -> s.method().equals("POST") && s.path().contains("/v1/messages")
                && !s.path().contains("count_tokens")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no POST /v1/messages reached the mock; saw " + m.seen
                        + "\nclient output:\n" + output));
    }

    private static MockUpstream.Seen responses(MockUpstream m, String output) {
        return m.seen.stream().filter(s -> s.method().equals("POST") && s.path().endsWith("/responses"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no POST /v1/responses reached the mock; saw "
                        + m.seen + "\nclient output:\n" + output));
    }

    @Test
    void claudeCodeInDirectModeSendsTheProfilesPathKeyAndModel() throws Exception {
        client("claude");
        try (MockUpstream mock = new MockUpstream()) {
            TestHome h = new TestHome(tmp);
            Files.writeString(h.claudeDir.resolve("settings.json"), "{\n  \"permissions\": {\"allow\": []}\n}\n");
            ok(sb(h, "sk-ant-direct-test", "profile", "add", "mock", "--base-url", mock.url() + "/gw", "--format",
                    "anthropic", "--auth", "x-api-key", "--model", "default=mock-default", "--model",
                    "haiku=mock-small", "--key-stdin"));
            ok(sb(h, null, "use", "mock", "--mode", "direct", "--clients", "claude"));
            String output = runClaude(h);
            MockUpstream.Seen s = messages(mock, output);
            assertTrue(s.path().startsWith("/gw/v1/messages"), s::toString);
            assertEquals("sk-ant-direct-test", s.headers().get("x-api-key"), s::toString);
            assertEquals("mock-default", s.model(), s::toString);
            assertTrue(output.contains("hi there"), output);
        }
    }

    @Test
    void claudeCodeInProxyModeSendsTheLocalTokenAndAModelAliasToTheProxyPort() throws Exception {
        client("claude");
        try (MockUpstream mock = new MockUpstream()) {
            TestHome h = new TestHome(tmp).set("SIGNALBOX_PORT", Integer.toString(mock.port()));
            ok(sb(h, "sk-ant-real", "profile", "add", "deep", "--base-url", "https://api.example.com/anthropic",
                    "--format", "anthropic", "--model", "default=deepseek-chat", "--key-stdin"));
            ok(sb(h, null, "use", "deep", "--clients", "claude"));
            String output = runClaude(h);
            MockUpstream.Seen s = messages(mock, output);
            assertTrue(s.path().startsWith("/v1/messages"), s::toString);
            String token = Files.readString(h.signalboxHome.resolve("local-token")).strip();
            assertEquals("Bearer " + token, s.headers().get("authorization"), s::toString);
            assertEquals(io.signalbox.profile.ModelMap.DEFAULT_ALIAS, s.model(), s::toString);
            assertTrue(output.contains("hi there"), output);
            List<String> keys = new ArrayList<>();
            mock.seen.forEach(x -> keys.add(String.valueOf(x.headers())));
            assertTrue(keys.stream().noneMatch(k -> k.contains("sk-ant-real")), "the real key left the keychain");
        }
    }

    /**
     * Claude Code applies the env block of settings.json over the process environment, so after {@code use}
     * the exports of {@code signalbox env} do not reach it (status and env say so); {@code run} passes the
     * profile as {@code --settings}, which wins over settings.json, and leaves the file alone.
     */
    @Test
    void claudeCodeStartedWithSignalboxRunUsesThatProfileAfterUseWroteAnotherIntoSettingsJson() throws Exception {
        Path claude = client("claude");
        try (MockUpstream mock = new MockUpstream()) {
            TestHome h = new TestHome(tmp).set("SIGNALBOX_PORT", Integer.toString(mock.port()))
                    .set("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1").set("DISABLE_AUTOUPDATER", "1");
            ok(sb(h, "sk-first", "profile", "add", "first", "--base-url", "https://a.example/anthropic", "--format",
                    "anthropic", "--model", "default=first-model", "--model", "haiku=first-small", "--context-window",
                    "64k", "--key-stdin"));
            ok(sb(h, "sk-second", "profile", "add", "second", "--base-url", "https://b.example/anthropic",
                    "--format", "anthropic", "--key-stdin"));
            ok(sb(h, null, "use", "first", "--clients", "claude"));
            Path settings = h.claudeDir.resolve("settings.json");
            String written = Files.readString(settings);
            assertTrue(written.contains("ANTHROPIC_MODEL") && written.contains("CLAUDE_CODE_MAX_CONTEXT_TOKENS"),
                    written);
            Path work = Files.createDirectories(h.root.resolve("work"));

            // what eval "$(signalbox env second)" would export: settings.json's env wins over it
            Map<String, String> exported = new HashMap<>(h.vars());
            io.signalbox.Signalbox box = io.signalbox.Signalbox.open(h.env(), w -> { });
            SessionVars.of(box, box.profiles().get("second"), SwitchMode.PROXY).forEach((k, v) -> {
                if (v != null) {
                    exported.put(k, v);
                }
            });
            String viaEnv = run(List.of(claude.toString(), "-p", "say hi", "--output-format", "text"), exported, work);
            assertTrue(messages(mock, viaEnv).path().startsWith("/v1/messages"),
                    () -> "settings.json's env no longer wins over the environment: " + mock.seen);
            mock.seen.clear();

            // the project's own settings point Claude Code elsewhere: status started there names the file,
            // and run still reaches the proxy, as --settings ranks above project settings
            Path project = Files.createDirectories(work.resolve(".claude"));
            Files.writeString(project.resolve("settings.local.json"),
                    "{\"env\":{\"ANTHROPIC_BASE_URL\":\"http://127.0.0.1:9\"}}");
            h.set("PWD", work.toString());
            var status = ok(sb(h, null, "status"));
            assertTrue(status.err().contains("Claude Code started in " + work + " ignores Signalbox for"
                    + " ANTHROPIC_BASE_URL: the env block of " + project.resolve("settings.local.json")), status::all);

            ProcessBuilder pb = io.signalbox.testsupport.JvmProcess.builder(h.vars(), io.signalbox.cli.Main.class,
                    "run", "second", "--", claude.toString(), "-p", "say hi", "--output-format", "text");
            String output = finish(pb.directory(work.toFile()), work.resolve("run-output.txt"));
            assertTrue(output.contains("hi there"), output);
            MockUpstream.Seen s = messages(mock, output);
            assertTrue(s.path().startsWith("/p/second/v1/messages"), s::toString);
            assertTrue(mock.seen.stream().noneMatch(x -> x.path().startsWith("/v1/")),
                    () -> "a request went to the active profile's route: " + mock.seen);
            String token = Files.readString(h.signalboxHome.resolve("local-token")).strip();
            assertEquals("Bearer " + token, s.headers().get("authorization"), s::toString);
            assertTrue(s.model() != null && !s.model().equals(io.signalbox.profile.ModelMap.DEFAULT_ALIAS),
                    () -> "settings.json's ANTHROPIC_MODEL leaked into the run: " + s);
            assertEquals(written, Files.readString(settings), "run leaves settings.json alone");

            // the same through a link with a name of the user's own (alias cc=claude, ~/bin/cc)
            mock.seen.clear();
            Path cc = Files.createSymbolicLink(Files.createDirectories(h.root.resolve("bin")).resolve("cc"),
                    claude.toRealPath());
            ProcessBuilder viaLink = io.signalbox.testsupport.JvmProcess.builder(h.vars(), io.signalbox.cli.Main.class,
                    "run", "second", "--", cc.toString(), "-p", "say hi", "--output-format", "text");
            String linked = finish(viaLink.directory(work.toFile()), work.resolve("run-link-output.txt"));
            assertTrue(messages(mock, linked).path().startsWith("/p/second/v1/messages"),
                    () -> "a client under another name did not get the profile as --settings: " + mock.seen);
        }
    }

    @Test
    void codexInDirectModeSendsTheKeyAndModelToTheResponsesEndpoint() throws Exception {
        client("codex");
        try (MockUpstream mock = new MockUpstream()) {
            TestHome h = new TestHome(tmp);
            Files.writeString(h.codexHome.resolve("config.toml"), "# my settings\n" + FEATURES_OFF);
            ok(sb(h, "sk-codex-direct", "profile", "add", "oai", "--base-url", mock.url() + "/v1", "--format",
                    "openai-responses", "--model", "default=gpt-mock", "--key-stdin"));
            ok(sb(h, null, "use", "oai", "--mode", "direct", "--clients", "codex"));
            String output = runCodex(h);
            MockUpstream.Seen s = responses(mock, output);
            assertEquals("/v1/responses", s.path(), s::toString);
            assertEquals("Bearer sk-codex-direct", s.headers().get("authorization"), s::toString);
            assertEquals("gpt-mock", s.model(), s::toString);
            assertTrue(output.contains("hi there"), output);
        }
    }

    @Test
    void codexInDirectModeSendsTheKeyInTheApiKeyHeaderAProfileAsksFor() throws Exception {
        client("codex");
        try (MockUpstream mock = new MockUpstream()) {
            TestHome h = new TestHome(tmp);
            Files.writeString(h.codexHome.resolve("config.toml"), FEATURES_OFF);
            ok(sb(h, "azk-codex-direct", "profile", "add", "az", "--base-url", mock.url() + "/openai/v1", "--format",
                    "openai-responses", "--auth", "api-key", "--model", "default=gpt-mock", "--key-stdin"));
            ok(sb(h, null, "use", "az", "--mode", "direct", "--clients", "codex"));
            String output = runCodex(h);
            MockUpstream.Seen s = responses(mock, output);
            assertEquals("/openai/v1/responses", s.path(), s::toString);
            assertEquals("azk-codex-direct", s.headers().get("api-key"), s::toString);
            assertEquals(null, s.headers().get("authorization"), s::toString);
            assertTrue(output.contains("hi there"), output);
        }
    }

    @Test
    void codexStartedWithSignalboxRunReachesTheProfilesOwnRouteWithTheLocalTokenAndLeavesConfigTomlAlone()
            throws Exception {
        client("codex");
        try (MockUpstream mock = new MockUpstream()) {
            TestHome h = new TestHome(tmp).set("SIGNALBOX_PORT", Integer.toString(mock.port()));
            String mine = "model = \"users-own\"\n" + FEATURES_OFF;
            Files.writeString(h.codexHome.resolve("config.toml"), mine);
            ok(sb(h, "sk-real", "profile", "add", "resp", "--base-url", "https://api.example.com/v1", "--format",
                    "openai-responses", "--model", "default=gpt-mock", "--key-stdin"));
            // A company network's HTTP proxy, which cannot reach this machine: without the NO_PROXY `run` adds,
            // Codex sends its requests for 127.0.0.1 there and reconnects until it is killed.
            try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                for (String k : List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")) {
                    h.set(k, "http://127.0.0.1:" + s.getLocalPort());
                }
            }
            // a separate JVM, so that codex gets /dev/null as stdin (it reads piped stdin as more prompt)
            ProcessBuilder pb = io.signalbox.testsupport.JvmProcess.builder(h.vars(), io.signalbox.cli.Main.class,
                    "run", "resp", "--", client("codex").toString(), "exec", "--skip-git-repo-check", "say hi");
            String output = finish(pb, Files.createDirectories(h.root.resolve("work")).resolve("run-output.txt"));
            assertTrue(output.contains("hi there"), output);
            MockUpstream.Seen s = responses(mock, output);
            assertEquals("/p/resp/v1/responses", s.path(), s::toString);
            String token = Files.readString(h.signalboxHome.resolve("local-token")).strip();
            assertEquals("Bearer " + token, s.headers().get("authorization"), s::toString);
            assertEquals("gpt-mock", s.model(), s::toString);
            assertEquals(mine, Files.readString(h.codexHome.resolve("config.toml")));
        }
    }

    @Test
    void codexInProxyModeSendsTheLocalTokenToTheProxyPortWithNoExtraEnvironment() throws Exception {
        client("codex");
        try (MockUpstream mock = new MockUpstream()) {
            TestHome h = new TestHome(tmp).set("SIGNALBOX_PORT", Integer.toString(mock.port()));
            Files.writeString(h.codexHome.resolve("config.toml"), FEATURES_OFF);
            Files.writeString(h.codexHome.resolve("auth.json"), "{\"OPENAI_API_KEY\": null, \"tokens\": {\"x\": 1}}\n");
            ok(sb(h, "sk-real", "profile", "add", "deep", "--base-url", "https://api.example.com/v1", "--format",
                    "openai-responses", "--model", "default=deepseek-chat", "--context-window", "64k", "--key-stdin"));
            ok(sb(h, null, "use", "deep", "--clients", "codex"));
            assertTrue(Files.readString(h.codexHome.resolve("config.toml")).contains("model_context_window = 64000"));
            String output = runCodex(h);
            MockUpstream.Seen s = responses(mock, output);
            assertEquals("/v1/responses", s.path(), s::toString);
            String token = Files.readString(h.signalboxHome.resolve("local-token")).strip();
            assertEquals("Bearer " + token, s.headers().get("authorization"), s::toString);
            assertEquals("deepseek-chat", s.model(), s::toString);
            assertEquals("{\"OPENAI_API_KEY\": null, \"tokens\": {\"x\": 1}}\n",
                    Files.readString(h.codexHome.resolve("auth.json")), "auth.json is the user's: untouched");
        }
    }

    /** Runs {@code pb} (stdin /dev/null, output into {@code out}) to its end; its output, after exit 0. */
    private static String finish(ProcessBuilder pb, Path out) throws Exception {
        pb.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(new File("/dev/null"));
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), () -> "signalbox run did not finish:\n" + readQuiet(out));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = readQuiet(out);
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
