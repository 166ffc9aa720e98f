package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `use` of a profile with no key stored warns and names the fix, since the proxy then answers 401 to everything. */
class UseNoKeyWarningTest {
    @TempDir
    Path tmp;

    @Test
    void useWarnsWhenTheProfileHasNoKeyStoredUntilOneIs() throws Exception {
        TestHome h = new TestHome(tmp).set("SIGNALBOX_PORT", "5998");
        ok(sb(h, "sk-other-secret", "profile", "add", "other", "--preset", "deepseek", "--key-stdin"));
        ok(sb(h, null, "profile", "add", "nokey", "--preset", "deepseek"));
        String err = ok(sb(h, null, "use", "nokey")).err();
        assertTrue(err.contains("no key is stored for profile 'nokey'")
                && err.contains("fix: signalbox profile edit nokey --key-stdin"), err);
        assertFalse(err.contains("'other'") || err.contains("sk-other-secret"), "nothing about other keys: " + err);

        assertFalse(ok(sb(h, null, "use", "other")).err().contains("no key is stored"), "a stored key: no warning");

        ok(sb(h, "sk-now-stored", "profile", "edit", "nokey", "--key-stdin"));
        assertFalse(ok(sb(h, null, "use", "nokey", "--clients", "claude")).err().contains("no key is stored"),
                "stored now: no warning");
    }

    @Test
    void aProfileThatNeedsNoKeyGetsNoWarning() throws Exception {
        TestHome h = new TestHome(tmp).set("SIGNALBOX_PORT", "5998");
        ok(sb(h, null, "profile", "add", "local", "--preset", "ollama"));
        String err = ok(sb(h, null, "use", "local", "--clients", "claude")).err();
        assertFalse(err.contains("no key is stored"), err);
    }
}
