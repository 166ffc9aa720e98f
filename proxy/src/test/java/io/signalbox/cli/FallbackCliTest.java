package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.CliRun.Result;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A profile's fallbacks on the command line: set in order, checked, shown, and kept right through renames. */
class FallbackCliTest {
    @TempDir
    Path tmp;
    TestHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(tmp);
        for (String p : List.of("ds", "or", "local")) {
            Result r = CliRun.withStdin(home, "sk-" + p, "profile", "add", p, "--base-url", "https://" + p + ".example",
                    "--key-stdin");
            assertEquals(0, r.code(), r.all());
        }
    }

    private List<String> fallbacks(String name) throws Exception {
        JsonNode j = Json.MAPPER.readTree(ok("profile", "show", name, "--json").out()).path("fallbacks");
        List<String> out = new ArrayList<>();
        j.forEach(n -> out.add(n.asString()));
        return out;
    }

    private Result ok(String... args) {
        Result r = CliRun.run(home, args);
        assertEquals(0, r.code(), r.all());
        return r;
    }

    @Test
    void fallbacksAreAddedInOrderShownAndCleared() throws Exception {
        ok("profile", "edit", "ds", "--fallback", "or");
        ok("profile", "edit", "ds", "--fallback", "local");
        assertEquals(List.of("or", "local"), fallbacks("ds"));
        assertTrue(ok("profile", "show", "ds").out().contains("fallbacks: or, local (when the provider cannot take a"
                + " request: unreachable, overloaded, rate-limited, over a hard budget)"));
        ok("profile", "edit", "ds", "--unset-fallbacks", "--fallback", "local");
        assertEquals(List.of("local"), fallbacks("ds"));
        ok("profile", "edit", "ds", "--unset-fallbacks");
        assertEquals(List.of(), fallbacks("ds"));
    }

    @Test
    void statusNamesTheActiveProfilesFallbacksAndDirectModeSaysItDoesNotFailOver() throws Exception {
        ok("profile", "edit", "ds", "--fallback", "or");
        ok("use", "ds", "--clients", "none");
        assertTrue(ok("status").out().contains("fallbacks: or (through the proxy, when its provider cannot take a"
                + " request)"), "status names them");
        Result direct = ok("use", "ds", "--mode", "direct", "--clients", "claude");
        assertTrue(direct.err().contains("claude: profile 'ds' has fallbacks, but the proxy fails over: in direct mode"
                + " Claude Code's requests reach the provider alone (use --mode proxy)"), direct.err());
        assertTrue(!ok("use", "or", "--clients", "none").all().contains("fallbacks"), "a profile without them");
        assertTrue(!ok("status").out().contains("fallbacks:"));
    }

    @Test
    void aFallbackThatIsNotAProfileTheProfileItselfOrTwiceIsRefusedWithTheFix() throws Exception {
        Result unknown = CliRun.run(home, "profile", "edit", "ds", "--fallback", "nope");
        assertEquals(1, unknown.code(), unknown.all());
        assertTrue(unknown.err().contains("fallback 'nope' is not a profile") && unknown.err().contains("or, local"),
                unknown.err());
        Result self = CliRun.run(home, "profile", "edit", "ds", "--fallback", "DS");
        assertTrue(self.err().contains("cannot be its own fallback"), self.err());
        Result twice = CliRun.run(home, "profile", "edit", "ds", "--fallback", "or", "--fallback", "OR");
        assertTrue(twice.err().contains("names fallback 'OR' twice"), twice.err());
        assertEquals(List.of(), fallbacks("ds"), "a refused edit changes nothing");
    }

    @Test
    void aRenamedFallbackIsFollowedAndARemovedOneDropped() throws Exception {
        ok("profile", "edit", "ds", "--fallback", "or", "--fallback", "local");
        ok("profile", "edit", "or", "--rename", "openrouter");
        assertEquals(List.of("openrouter", "local"), fallbacks("ds"));
        ok("profile", "remove", "local");
        assertEquals(List.of("openrouter"), fallbacks("ds"));
    }
}
