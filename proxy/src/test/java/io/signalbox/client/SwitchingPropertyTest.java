package io.signalbox.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Generated inputs: many settings.json and config.toml layouts and permissions, random sequences of
 * {@code use}. Only owned entries ever differ from the user's file, an owned entry Signalbox does not
 * set right now holds the user's own value (or is absent if they had none), a {@code use} that names
 * a client which cannot use the profile changes nothing, and {@code restore} gives back the bytes and
 * the permissions.
 */
class SwitchingPropertyTest {
    static final int CASES = Integer.getInteger("signalbox.propertyCases", 200);
    static final long SEED = Long.getLong("signalbox.seed", 20261122L);
    private static final TomlMapper TOML = new TomlMapper();

    @TempDir
    Path tmp;

    static void addProfiles(TestHome h) {
        ok(sb(h, "sk-ant-a", "profile", "add", "A", "--base-url", "https://a.example", "--format", "anthropic",
                "--auth", "bearer", "--model", "opus=a-big", "--model", "sonnet=a-mid", "--model", "haiku=a-small",
                "--model", "subagent=a-sub", "--model", "default=a-mid", "--key-stdin"));
        ok(sb(h, "sk-ant-b", "profile", "add", "B", "--base-url", "https://b.example/api", "--format",
                "anthropic", "--auth", "x-api-key", "--model", "default=b-one", "--key-stdin"));
        ok(sb(h, "sk-oai-c", "profile", "add", "C", "--base-url", "https://c.example/v1", "--format",
                "openai-responses", "--model", "default=gpt-c", "--key-stdin"));
    }

    /** Runs {@code signalbox ARGS} in-process with {@code stdin}. */
    static CliRun.Result sb(TestHome h, String stdin, String... args) {
        return CliRun.withStdin(h, stdin, args);
    }

    static CliRun.Result ok(CliRun.Result r) {
        assertEquals(0, r.code(), r::all);
        return r;
    }

    @Test
    void anySequenceOfUseChangesOnlyOwnedEntriesAndRestoreGivesBackTheBytes() throws IOException {
        Random seeds = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            long seed = seeds.nextLong();
            runCase(i, seed);
        }
    }

    /**
     * The owned entries each profile of the property test has Signalbox set, besides the endpoint and
     * credential: A maps every model slot and declares a window, B maps only the default model, C
     * (openai-responses) has a model and a window, D (openai-responses) neither.
     */
    private static final Map<String, List<String>> SETS = Map.of(
            "A", List.of("ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL",
                    "ANTHROPIC_DEFAULT_HAIKU_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL", ClaudeVars.CONTEXT_WINDOW),
            "B", List.of("ANTHROPIC_MODEL"),
            "C", List.of("model", "model_context_window"),
            "D", List.of(),
            // Claude Code through the proxy's translation to the Responses API (named with --clients)
            "C/claude", List.of("ANTHROPIC_MODEL", ClaudeVars.CONTEXT_WINDOW),
            "D/claude", List.of());
    private static final List<String> MODES = List.of("rw-r--r--", "rw-------", "rw-rw-r--", "rw-r-----");

    private void runCase(int i, long seed) throws IOException {
        Random r = new Random(seed);
        ConfigGen gen = new ConfigGen(r);
        TestHome h = new TestHome(Files.createDirectories(tmp.resolve("case" + i)));
        addProfiles(h);
        ok(sb(h, null, "profile", "edit", "A", "--context-window", "200k"));
        ok(sb(h, null, "profile", "edit", "C", "--context-window", "128k"));
        ok(sb(h, "sk-oai-d", "profile", "add", "D", "--base-url", "https://d.example/v1", "--format",
                "openai-responses", "--key-stdin"));
        Path settings = h.claudeDir.resolve("settings.json");
        Path config = h.codexHome.resolve("config.toml");
        String json = gen.settingsJson();
        String toml = gen.configToml();
        String jsonMode = MODES.get(r.nextInt(MODES.size()));
        String tomlMode = MODES.get(r.nextInt(MODES.size()));
        if (json != null) {
            Files.writeString(settings, json);
            Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString(jsonMode));
        }
        if (toml != null) {
            Files.writeString(config, toml);
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString(tomlMode));
        }
        String where = "case " + i + " (seed " + seed + ")\n--- settings.json\n" + json + "\n--- config.toml\n" + toml;
        List<String> steps = new ArrayList<>();
        String claudeOn = null;
        boolean claudeThroughProxy = false;
        String codexOn = null;
        for (int s = 0, n = 1 + r.nextInt(4); s < n; s++) {
            String profile = List.of("A", "B", "C", "D").get(r.nextInt(4));
            String mode = r.nextBoolean() ? "proxy" : "direct";
            String clients = List.of("claude,codex", "claude", "codex").get(r.nextInt(3));
            steps.add("use " + profile + " --mode " + mode + " --clients " + clients);
            byte[] jsonBefore = bytesOrNull(settings);
            byte[] tomlBefore = bytesOrNull(config);
            CliRun.Result res = sb(h, null, "use", profile, "--mode", mode, "--clients", clients);
            boolean responses = profile.equals("C") || profile.equals("D");
            // Claude Code reaches a Responses profile through the proxy's translation; Codex no Anthropic one
            boolean claudeCan = !responses || mode.equals("proxy");
            boolean namesAClientThatCannotUseIt = (clients.contains("claude") && !claudeCan)
                    || (clients.contains("codex") && !responses);
            assertEquals(namesAClientThatCannotUseIt ? 1 : 0, res.code(), () -> where + "\nsteps " + steps + "\n"
                    + res.all());
            if (namesAClientThatCannotUseIt) {
                assertArrayEquals(jsonBefore, bytesOrNull(settings), () -> where + "\nsteps " + steps);
                assertArrayEquals(tomlBefore, bytesOrNull(config), () -> where + "\nsteps " + steps);
            } else {
                if (clients.contains("codex")) {
                    codexOn = profile;
                }
                if (clients.contains("claude")) {
                    claudeOn = profile;
                    claudeThroughProxy = mode.equals("proxy");
                }
            }
            assertOnlyOwnedDiffer(json, settings, where + "\nsteps " + steps);
            assertOnlyOwnedDifferToml(toml, config, where + "\nsteps " + steps);
            assertUsersValuesWhereNotSet(new ClaudeSettingsText(), json, settings, claudeOn,
                    claudeThroughProxy ? ProxyBypass.VARS : List.of(), where + "\nsteps " + steps);
            assertUsersValuesWhereNotSet(new CodexConfigText(), toml, config, codexOn, List.of(),
                    where + "\nsteps " + steps);
        }
        assertTextRestoreGivesBackTheUsersValues(json, settings, where);
        assertTextRestoreGivesBackTheUsersValues(toml, config, where);
        ok(sb(h, null, "restore"));
        assertSameBytes(json, settings, where + "\nsteps " + steps + " then restore");
        assertSameBytes(toml, config, where + "\nsteps " + steps + " then restore");
        assertMode(json == null ? null : jsonMode, settings, where + "\nsteps " + steps + " then restore");
        assertMode(toml == null ? null : tomlMode, config, where + "\nsteps " + steps + " then restore");
    }

    /**
     * After Signalbox last pointed {@code file} at profile {@code on} (null: never), every owned entry
     * that profile does not set holds the user's own value from {@code original}, or is absent if they
     * had none; the endpoint is Signalbox's, with exactly one credential. {@code modeSets}: what the
     * mode sets besides (proxy mode: the NO_PROXY bypass, which keeps the user's entries in its list).
     */
    static void assertUsersValuesWhereNotSet(OwnedText f, String original, Path file, String on, List<String> modeSets,
            String where) throws IOException {
        if (on == null) {
            return;
        }
        Map<String, String> user = f.owned(original);
        Map<String, String> now = f.owned(Files.readString(file));
        boolean translated = f instanceof ClaudeSettingsText && (on.equals("C") || on.equals("D"));
        List<String> sets = new ArrayList<>(SETS.get(translated ? on + "/claude" : on));
        sets.addAll(modeSets);
        for (String k : f.ownedKeys()) {
            if (!sets.contains(k) && !f.endpointKeys().contains(k)) {
                assertEquals(user.get(k), now.get(k), () -> where + "\n" + k + " is not set by '" + on
                        + "' and must hold the user's own value; now:\n" + readQuiet(file));
            }
            if (sets.contains(k)) {
                assertTrue(now.containsKey(k), () -> where + "\n'" + on + "' sets " + k + "; now:\n" + readQuiet(file));
            }
        }
        if (f instanceof ClaudeSettingsText) {
            assertEquals(1, Stream.of(ClaudeVars.AUTH_TOKEN, ClaudeVars.API_KEY).filter(now::containsKey).count(),
                    () -> where + "\nexactly one credential; now:\n" + readQuiet(file));
        }
    }

    static void assertMode(String mode, Path file, String where) throws IOException {
        if (mode != null) {
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), where);
        }
    }

    /**
     * The merge restore uses when the file changed since Signalbox wrote it: the text edit alone
     * must give back the user's values (compared as parsed trees).
     */
    static void assertTextRestoreGivesBackTheUsersValues(String original, Path file, String where) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        boolean isJson = file.getFileName().toString().endsWith(".json");
        OwnedText f = isJson ? new ClaudeSettingsText() : new CodexConfigText();
        String back = f.apply(Files.readString(file), f.owned(original));
        if (isJson) {
            JsonNode want = original == null || original.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(original);
            assertEquals(dropEmptyEnv(want), dropEmptyEnv(Json.MAPPER.readTree(back)), () -> where + "\nmerged back:\n" + back);
        } else {
            JsonNode want = original == null || original.isBlank() ? TOML.createObjectNode() : TOML.readTree(original);
            assertEquals(want, back.isBlank() ? TOML.createObjectNode() : TOML.readTree(back),
                    () -> where + "\nmerged back:\n" + back);
        }
    }

    private static JsonNode dropEmptyEnv(JsonNode n) {
        if (n instanceof ObjectNode o && o.get("env") instanceof ObjectNode env && env.isEmpty()) {
            o.remove("env");
        }
        return n;
    }

    static void assertSameBytes(String original, Path file, String where) throws IOException {
        if (original == null) {
            assertFalse(Files.exists(file), () -> where + "\nrestore left " + file);
        } else {
            assertArrayEquals(original.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file),
                    () -> where + "\nrestored:\n" + readQuiet(file));
        }
    }

    static byte[] bytesOrNull(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllBytes(p) : null;
    }

    static String readQuiet(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    static void assertOnlyOwnedDiffer(String original, Path file, String where) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode before = original == null || original.isBlank() ? Json.MAPPER.createObjectNode()
                : Json.MAPPER.readTree(original);
        JsonNode after = Json.MAPPER.readTree(Files.readString(file));
        assertEquals(withoutOwnedJson(before), withoutOwnedJson(after), () -> where + "\nnow:\n" + readQuiet(file));
    }

    static JsonNode withoutOwnedJson(JsonNode n) {
        JsonNode c = n.deepCopy();
        if (c.get("env") instanceof ObjectNode env) {
            ConfigGen.CLAUDE_OWNED.forEach(env::remove);
            if (env.isEmpty()) {
                ((ObjectNode) c).remove("env");
            }
        }
        return c;
    }

    static void assertOnlyOwnedDifferToml(String original, Path file, String where) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode before = original == null || original.isBlank() ? TOML.createObjectNode() : TOML.readTree(original);
        JsonNode after = TOML.readTree(Files.readString(file));
        assertEquals(withoutOwnedToml(before), withoutOwnedToml(after), () -> where + "\nnow:\n" + readQuiet(file));
    }

    static JsonNode withoutOwnedToml(JsonNode n) {
        ObjectNode c = (ObjectNode) n.deepCopy();
        c.remove("model");
        c.remove("model_provider");
        c.remove("model_context_window");
        if (c.get("model_providers") instanceof ObjectNode mp) {
            mp.remove("signalbox");
            if (mp.isEmpty()) {
                c.remove("model_providers");
            }
        }
        return c;
    }
}
