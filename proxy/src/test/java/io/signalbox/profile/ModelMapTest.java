package io.signalbox.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelMapTest {
    private final ModelMap map = new ModelMap("big-model", "mid-model", "small-model", "sub-model", "fallback-model",
            List.of(new ModelRule("claude-*haiku*", "glob-haiku"),
                    new ModelRule("claude-haiku-4-5-20251001", "exact-haiku")));

    @Test
    void exactRulesWinOverGlobRulesWrittenBeforeThem() {
        assertEquals("exact-haiku", map.resolve("claude-haiku-4-5-20251001"));
    }

    @Test
    void globRulesWinOverFamilies() {
        assertEquals("glob-haiku", map.resolve("claude-3-5-haiku-latest"));
    }

    @Test
    void familiesAreFoundByTheWordInAnyFutureName() {
        assertEquals("big-model", map.resolve("claude-opus-4-8"));
        assertEquals("mid-model", map.resolve("claude-sonnet-5"));
        assertEquals("mid-model", map.resolve("CLAUDE-SONNET-9-20300101"));
    }

    @Test
    void contextSuffixesAreIgnoredAndDropped() {
        assertEquals("mid-model", map.resolve("claude-sonnet-5[1m]"));
        assertEquals("exact-haiku", map.resolve("claude-haiku-4-5-20251001[1m]"));
    }

    @Test
    void unknownNamesFallToTheDefault() {
        assertEquals("fallback-model", map.resolve("gpt-oss"));
        assertEquals("fallback-model", map.resolve(ModelMap.DEFAULT_ALIAS));
    }

    @Test
    void theSubagentAliasReachesTheSubagentSlot() {
        assertEquals("sub-model", map.resolve(ModelMap.SUBAGENT_ALIAS));
    }

    @Test
    void anEmptyMapPassesNamesThrough() {
        assertEquals("claude-sonnet-5", ModelMap.EMPTY.resolve("claude-sonnet-5"));
    }

    @Test
    void withRuleReplacesARuleWithTheSamePatternInPlace() {
        ModelMap m = map.withRule(new ModelRule("CLAUDE-*HAIKU*", "other"));
        assertEquals(2, m.rules().size());
        assertEquals("other", m.rules().get(0).model());
    }
}
