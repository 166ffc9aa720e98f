package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.preflight.Diagnosis;
import io.signalbox.preflight.DiagnosisCode;
import io.signalbox.preflight.PreflightReport;
import io.signalbox.preflight.PreflightResults;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `use` remembers what the last test found: a provider that refuses adaptive thinking gets a warning and its fix. */
class UseThinkingHintTest {
    @TempDir
    Path tmp;

    @Test
    void useWarnsWhenTheLastTestFoundTheProviderRefusingAdaptiveThinkingUntilTheProfileAdaptsIt() throws Exception {
        TestHome h = new TestHome(tmp).set("SIGNALBOX_PORT", "5999");
        ok(sb(h, "sk-ds", "profile", "add", "ds", "--preset", "deepseek", "--key-stdin"));
        String hint = "refuses the adaptive thinking Claude Code sends";
        assertFalse(ok(sb(h, null, "use", "ds", "--clients", "claude")).err().contains(hint), "untested: no hint");

        new PreflightResults(h.signalboxHome).save(new PreflightReport("ds", "anthropic", "https://api.deepseek.com/anthropic",
                "deepseek-chat", "2026-11-23T06:00:00Z", 120, List.of(), new Diagnosis(DiagnosisCode.THINKING_REFUSED,
                        "the provider refuses the adaptive thinking", "signalbox profile edit ds --thinking enabled")));
        String err = ok(sb(h, null, "use", "ds", "--clients", "claude")).err();
        assertTrue(err.contains(hint) && err.contains("signalbox profile edit ds --thinking enabled"), err);

        ok(sb(h, null, "profile", "edit", "ds", "--thinking", "enabled"));
        assertFalse(ok(sb(h, null, "use", "ds", "--clients", "claude")).err().contains(hint), "adapted: no hint");
    }

    @Test
    void directModeSaysThatTheThinkingAdaptationNeedsTheProxy() throws Exception {
        TestHome h = new TestHome(tmp).set("SIGNALBOX_PORT", "5999");
        ok(sb(h, "sk-ds", "profile", "add", "ds", "--preset", "deepseek", "--key-stdin"));
        String hint = "in direct mode Claude Code's requests reach the provider unchanged";
        assertFalse(ok(sb(h, null, "use", "ds", "--mode", "direct", "--clients", "claude")).err().contains(hint),
                "no adaptation: nothing to say");
        ok(sb(h, null, "profile", "edit", "ds", "--thinking", "enabled"));
        String err = ok(sb(h, null, "use", "ds", "--mode", "direct", "--clients", "claude")).err();
        assertTrue(err.contains(hint) && err.contains("--thinking enabled") && err.contains("--mode proxy"), err);
        assertFalse(ok(sb(h, null, "use", "ds", "--clients", "claude")).err().contains(hint), "proxy mode adapts it");
    }
}
