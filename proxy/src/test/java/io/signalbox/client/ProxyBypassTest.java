package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * In proxy mode Claude Code is told to keep its requests to Signalbox off any HTTP proxy
 * (NO_PROXY and no_proxy name 127.0.0.1 and localhost): the user's own NO_PROXY entries, from the
 * environment and from the file, are kept in the list; direct mode and restore give the user's
 * own value back, and a session's variables never unset it.
 */
class ProxyBypassTest {
    @TempDir
    Path tmp;
    TestHome h;
    Path settings;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHome(tmp).set("SIGNALBOX_PORT", "5999");
        settings = h.claudeDir.resolve("settings.json");
        Files.createDirectories(h.claudeDir);
        Files.writeString(settings, "{\n  \"env\": {\n    \"NO_PROXY\": \"intranet.example\",\n    \"FOO\": \"bar\"\n  }\n}\n");
        ok(sb(h, "sk-ant-key-000000000000", "profile", "add", "ant", "--preset", "anthropic", "--key-stdin"));
    }

    private JsonNode env() throws Exception {
        return Json.MAPPER.readTree(Files.readAllBytes(settings)).path("env");
    }

    @Test
    void proxyModeNamesTheLocalProxyAndKeepsTheUsersEntriesDirectModeAndRestoreGiveTheirsBack() throws Exception {
        String before = Files.readString(settings);
        ok(sb(h.set("no_proxy", ".corp.example, 10.0.0.0/8"), null, "use", "ant", "--clients", "claude"));

        assertEquals("127.0.0.1,localhost,.corp.example,10.0.0.0/8,intranet.example", env().get("NO_PROXY").asString());
        assertEquals("127.0.0.1,localhost,.corp.example,10.0.0.0/8", env().get("no_proxy").asString());
        assertEquals("bar", env().get("FOO").asString());

        ok(sb(h, null, "use", "ant", "--clients", "claude")); // again: no entry twice
        assertEquals("127.0.0.1,localhost,.corp.example,10.0.0.0/8,intranet.example", env().get("NO_PROXY").asString());

        ok(sb(h, null, "use", "ant", "--mode", "direct", "--clients", "claude"));
        assertEquals("intranet.example", env().get("NO_PROXY").asString(), "direct mode: the user's own value");
        assertNull(env().get("no_proxy"));

        ok(sb(h, null, "use", "ant", "--clients", "claude"));
        ok(sb(h, null, "restore", "--clients", "claude"));
        assertEquals(before, Files.readString(settings), "restore gives back the file byte for byte");
    }

    @Test
    void aSessionsVariablesSetTheBypassInProxyModeAndLeaveNoProxyAloneInDirectMode() throws Exception {
        String proxy = ok(sb(h.set("NO_PROXY", "build.example"), null, "env", "ant")).out();
        assertTrue(proxy.contains("export NO_PROXY='127.0.0.1,localhost,build.example'"), proxy);
        assertTrue(proxy.contains("export no_proxy='127.0.0.1,localhost,build.example'"), proxy);

        var direct = ok(sb(h, null, "env", "ant", "--mode", "direct"));
        assertFalse(direct.out().toLowerCase(java.util.Locale.ROOT).contains("no_proxy"), direct.out());
    }

    @Test
    void useWarnsThatCodexWouldSendItsRequestsToTheUsersHttpProxyUnlessNoProxyNamesTheLocalOne() throws Exception {
        ok(sb(h, "sk-resp-key-0000000000", "profile", "add", "resp", "--format", "openai-responses", "--base-url",
                "https://api.example.com/v1", "--model", "default=gpt-x", "--key-stdin"));
        h.set("https_proxy", "http://proxy.corp.example:3128").set("no_proxy", ".corp.example");

        var caught = ok(sb(h, null, "use", "resp", "--clients", "codex"));
        assertTrue(caught.err().contains("codex: https_proxy is set and NO_PROXY does not name 127.0.0.1 and localhost")
                && caught.err().contains("export NO_PROXY='127.0.0.1,localhost,.corp.example'"), caught.err());

        var status = ok(sb(h, null, "status"));
        assertTrue(status.out().contains("upstreams: through the HTTP proxy http://proxy.corp.example:3128 (https_proxy)"
                + " for https://; directly: loopback, .corp.example"), status.out());
        assertTrue(status.err().contains("codex: https_proxy is set and NO_PROXY does not name"), status.err());

        h.set("no_proxy", "127.0.0.1,localhost,.corp.example");
        assertFalse(ok(sb(h, null, "status")).err().contains("NO_PROXY"));
        var bypassed = ok(sb(h, null, "use", "resp", "--clients", "codex"));
        assertFalse(bypassed.err().contains("NO_PROXY"), bypassed.err());
        h.set("https_proxy", null).set("no_proxy", null);
        assertFalse(ok(sb(h, null, "use", "resp", "--clients", "codex")).err().contains("NO_PROXY"));
    }

    @Test
    void statusSaysWhatIsWrongWithAProxyUrlSignalboxCannotUseAndGoesOn() throws Exception {
        var status = ok(sb(h.set("HTTPS_PROXY", "socks5://corp:pw-secret@10.0.0.1:1080"), null, "status"));
        assertTrue(status.err().contains("HTTPS_PROXY names a socks5:// proxy") && status.err().contains("fix:"),
                status.err());
        assertFalse(status.all().contains("pw-secret"), status.all());
    }

    @Test
    void theFilesBypassDoesNotCountAsOverridingASessionsVariables() throws Exception {
        ok(sb(h, null, "use", "ant", "--clients", "claude"));

        var session = ok(sb(h.set("NO_PROXY", "other.example"), null, "env", "ant"));

        assertFalse(session.err().contains("NO_PROXY"), session.err());
    }
}
