package io.signalbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.profile.ModelFamily;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.ModelRule;
import io.signalbox.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every model alias written for Claude Code in proxy mode maps back, through ModelMap, to the profile's model. */
class ModelAliasRoundTripTest {
    private static Profile profile(ModelMap mm) {
        return new Profile("p", "https://x.example", null, null, mm, null, null, null, null);
    }

    @Test
    void eachAliasWrittenResolvesToTheModelOfItsSlot() {
        ModelMap mm = new ModelMap("big", "mid", "small", "sub", "dflt",
                List.of(new ModelRule("gpt-*", "other")));
        Map<String, String> vars = ClaudeVars.proxy(profile(mm), "http://127.0.0.1:1", "t", w -> { }, io.signalbox.common.Env.of(Map.of(), java.nio.file.Path.of("/nonexistent")));
        for (ModelFamily f : ModelFamily.values()) {
            String written = vars.get(ClaudeVars.SLOT_VARS.get(f));
            assertTrue(written.startsWith("claude"), written);
            assertEquals(mm.family(f).orElseThrow(), mm.resolve(written), f + " via " + written);
        }
    }

    @Test
    void aRuleThatCatchesTheAliasesFallsBackToTheRealNameOrLeavesTheSlotToTheProxy() {
        ModelMap mm = new ModelMap("big", null, null, null, null, List.of(new ModelRule("claude-*", "catch-all")));
        List<String> warnings = new ArrayList<>();
        Map<String, String> vars = ClaudeVars.proxy(profile(mm), "http://127.0.0.1:1", "t", warnings::add, io.signalbox.common.Env.of(Map.of(), java.nio.file.Path.of("/nonexistent")));
        assertEquals("big", vars.get("ANTHROPIC_DEFAULT_OPUS_MODEL"));
        assertEquals("big", mm.resolve(vars.get("ANTHROPIC_DEFAULT_OPUS_MODEL")));
        assertTrue(warnings.isEmpty());
    }
}
