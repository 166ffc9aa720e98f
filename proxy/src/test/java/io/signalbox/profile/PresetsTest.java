package io.signalbox.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PresetsTest {
    @Test
    void everyProviderTheIssueNamesHasAPreset() {
        Set<String> ids = Presets.all().stream().map(Preset::id).collect(Collectors.toSet());
        for (String id : List.of("anthropic", "openrouter", "deepseek", "kimi", "glm", "qwen", "minimax", "gemini",
                "openai", "groq", "xai", "ollama", "lmstudio", "custom")) {
            assertTrue(ids.contains(id), "missing preset " + id);
        }
        assertTrue(Presets.all().size() - 1 >= 12, "at least 12 real providers");
    }

    @Test
    void everyRealPresetMakesAValidProfileAndNamesItsSource() {
        for (Preset p : Presets.all()) {
            if (p.id().equals("custom")) {
                continue;
            }
            assertDoesNotThrow(() -> p.toProfile("x").validate(), p.id());
            assertTrue(p.docs().startsWith("https://"), p.id() + " docs: " + p.docs());
            assertFalse(p.displayName().isBlank());
        }
    }

    @Test
    void localServersNeedNoKeyAndHostedOnesDo() {
        assertFalse(Presets.get("ollama").toProfile("o").needsKey());
        assertFalse(Presets.get("lmstudio").toProfile("l").needsKey());
        assertTrue(Presets.get("deepseek").toProfile("d").needsKey());
    }

    @Test
    void anthropicFormatPresetsStopBeforeV1AndOpenAiOnesIncludeTheirVersion() {
        for (Preset p : Presets.all()) {
            if (p.format() == ApiFormat.ANTHROPIC) {
                assertFalse(p.baseUrl().endsWith("/v1"), p.id());
            }
        }
        assertEquals("https://api.openai.com/v1", Presets.get("openai").baseUrl());
        assertEquals(ApiFormat.OPENAI_RESPONSES, Presets.get("openai").format());
        assertEquals(AuthStyle.X_API_KEY, Presets.get("anthropic").auth());
    }
}
