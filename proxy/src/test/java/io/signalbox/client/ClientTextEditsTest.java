package io.signalbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Worked examples of the text edits: what a user sees in their files. */
class ClientTextEditsTest {
    private final ClaudeSettingsText json = new ClaudeSettingsText();
    private final CodexConfigText toml = new CodexConfigText();

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void settingOwnedVariablesKeepsHooksOrderAndFourSpaceIndentation() {
        String before = "{\n    \"hooks\": {\"PreToolUse\": []},\n    \"env\": {\n        \"MY_VAR\": \"1\",\n"
                + "        \"ANTHROPIC_API_KEY\": \"old\"\n    },\n    \"permissions\": {}\n}\n";
        String after = json.apply(before, map("ANTHROPIC_BASE_URL", "\"http://127.0.0.1:4891\"",
                "ANTHROPIC_AUTH_TOKEN", "\"tok\""));
        assertEquals("{\n    \"hooks\": {\"PreToolUse\": []},\n    \"env\": {\n        \"MY_VAR\": \"1\",\n"
                + "        \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:4891\",\n"
                + "        \"ANTHROPIC_AUTH_TOKEN\": \"tok\"\n    },\n    \"permissions\": {}\n}\n", after);
    }

    @Test
    void aMissingEnvObjectIsCreatedWithTheFilesTabsAndCrlf() {
        String before = "{\r\n\t\"model\": \"opus\"\r\n}";
        String after = json.apply(before, map("ANTHROPIC_MODEL", "\"x\""));
        assertEquals("{\r\n\t\"model\": \"opus\",\r\n\t\"env\": {\r\n\t\t\"ANTHROPIC_MODEL\": \"x\"\r\n\t}\r\n}", after);
    }

    @Test
    void aCompactFileStaysCompact() {
        assertEquals("{\"a\":1,\"env\":{\"ANTHROPIC_MODEL\":\"x\"}}",
                json.apply("{\"a\":1}", map("ANTHROPIC_MODEL", "\"x\"")));
    }

    @Test
    void codexRootKeysAreEditedInPlaceAndOurTableIsAppended() {
        String before = "# mine\nmodel = \"o3\" # my favourite\napproval_policy = \"never\"\n\n[mcp_servers.x]\n"
                + "command = \"npx\"\n";
        String after = toml.apply(before, map("model_provider", "\"signalbox\"", "model", "\"gpt-c\"",
                CodexConfigText.TABLE_KEY, "name = \"S\"\nbase_url = \"http://127.0.0.1:1/v1\"\n"));
        assertEquals("# mine\nmodel = \"gpt-c\" # my favourite\napproval_policy = \"never\"\nmodel_provider = "
                + "\"signalbox\"\n\n[mcp_servers.x]\ncommand = \"npx\"\n\n[model_providers.signalbox]\nname = \"S\"\n"
                + "base_url = \"http://127.0.0.1:1/v1\"\n", after);
        assertEquals(before, toml.apply(after, map("model", "\"o3\"")));
    }

    @Test
    void codexOurTableIsRewrittenInPlaceAndACommentTheUserWroteAfterItIsNeverTakenWithIt() {
        String table = "[model_providers.signalbox]\nname = \"S\"\nbase_url = \"http://127.0.0.1:1/v1\"\n";
        String before = "model_provider = \"signalbox\"\n\n" + table + "\n# my own profile, keep it\n"
                + "[profiles.mine]\nmodel = \"o3\"\n# the end\n";
        String rewritten = toml.apply(before, map("model_provider", "\"signalbox\"",
                CodexConfigText.TABLE_KEY, "name = \"S\"\nbase_url = \"http://127.0.0.1:2/v1\"\n"));
        assertEquals(before.replace("127.0.0.1:1/", "127.0.0.1:2/"), rewritten);
        assertEquals("name = \"S\"\nbase_url = \"http://127.0.0.1:2/v1\"\n",
                toml.owned(rewritten).get(CodexConfigText.TABLE_KEY));

        String removed = toml.apply(rewritten, map());
        assertEquals("\n\n# my own profile, keep it\n[profiles.mine]\nmodel = \"o3\"\n# the end\n", removed);

        // a comment after our table at the very end of the file is the user's too
        String last = "approval_policy = \"never\"\n\n" + table + "# mine\n";
        assertEquals("approval_policy = \"never\"\n\n# mine\n", toml.apply(last, map()));
    }

    @Test
    void anEntryTheTargetLeavesOutKeepsTheUsersOwnValueExceptTheirEndpointAndCredential() {
        Map<String, String> user = map("ANTHROPIC_MODEL", "\"mine\"", "ANTHROPIC_API_KEY", "\"users-key\"",
                "ANTHROPIC_BASE_URL", "\"https://mine.example\"");
        Map<String, String> set = json.withUsersValues(map("ANTHROPIC_BASE_URL", "\"http://127.0.0.1:4891\"",
                "ANTHROPIC_AUTH_TOKEN", "\"tok\""), user);
        assertEquals(map("ANTHROPIC_BASE_URL", "\"http://127.0.0.1:4891\"", "ANTHROPIC_AUTH_TOKEN", "\"tok\"",
                "ANTHROPIC_MODEL", "\"mine\""), set, "the user's key must not travel to Signalbox's endpoint");
        assertEquals("{\"env\": {\"ANTHROPIC_MODEL\": \"mine\", \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:4891\","
                + " \"ANTHROPIC_AUTH_TOKEN\": \"tok\"}}",
                json.apply("{\"env\": {\"ANTHROPIC_MODEL\": \"signalbox-set\", \"ANTHROPIC_API_KEY\": \"users-key\"}}",
                        set));

        Map<String, String> codexUser = map("model", "\"o3\"", "model_context_window", "400000",
                "model_provider", "\"openai\"");
        assertEquals(map("model_provider", "\"signalbox\"", CodexConfigText.TABLE_KEY, "name = \"S\"\n",
                "model", "\"o3\"", "model_context_window", "400000"),
                toml.withUsersValues(map("model_provider", "\"signalbox\"", CodexConfigText.TABLE_KEY, "name = \"S\"\n"),
                        codexUser));
    }

    @Test
    void aByteOrderMarkIsKeptAndSkipped() {
        assertEquals("\uFEFF{\"env\": {\"ANTHROPIC_MODEL\": \"x\"}}",
                json.apply("\uFEFF{\"env\": {}}", map("ANTHROPIC_MODEL", "\"x\"")));
    }
}
