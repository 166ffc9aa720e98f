package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.event.UsageReport;
import io.signalbox.profile.Preset;
import io.signalbox.profile.Presets;
import io.signalbox.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled price table, exact costs, tiers, and token normalisation rules. */
class PricingTest {
    private final Pricing pricing = new Pricing(PriceTable.bundled());

    private static UsageReport tokens(long in, long out, long read, long write, Long write1h) {
        return new UsageReport("other", null, "/v1/messages", false, true, -1, in, out, read, write, write1h, null,
                null, null, 0);
    }

    @Test
    void everyHostedPresetModelHasAPriceWithItsSourcePageAndDate() {
        Set<String> local = Set.of("ollama", "lmstudio", "custom");
        List<String> missing = new ArrayList<>();
        for (Preset p : Presets.all()) {
            if (local.contains(p.id())) {
                continue;
            }
            var m = p.models();
            Stream.of(m.opus(), m.sonnet(), m.haiku(), m.subagent(), m.fallback()).filter(x -> x != null)
                    .filter(x -> PriceTable.bundled().find(x, p.id()).isEmpty())
                    .forEach(x -> missing.add(p.id() + ":" + x));
        }
        assertEquals(List.of(), missing);
        for (PriceTable.Entry e : PriceTable.bundled().entries()) {
            assertTrue(e.source() != null && e.source().startsWith("https://"), e.id());
            assertTrue(e.checked() != null && e.checked().matches("\\d{4}-\\d{2}-\\d{2}"), e.id());
            assertNotNull(e.base().cacheRead(), e.id());
            assertNotNull(e.base().cacheWrite(), e.id());
        }
    }

    @Test
    void aProviderSpecificPriceIsNotAppliedToAnotherProvidersModelOfTheSameName() {
        assertTrue(PriceTable.bundled().find("openai/gpt-oss-20b", "groq").isPresent());
        assertTrue(PriceTable.bundled().find("openai/gpt-oss-20b", "lmstudio").isEmpty());
    }

    @Test
    void datedVendorPrefixedAndDottedNamesFindTheirModel() {
        assertEquals("claude-sonnet-4-5", PriceTable.bundled().find("claude-sonnet-4-5-20250929", null).orElseThrow().id());
        assertEquals("claude-sonnet-4-5", PriceTable.bundled().find("anthropic/claude-sonnet-4.5", null).orElseThrow().id());
        assertEquals("claude-haiku-4-5", PriceTable.bundled().find("claude-haiku-4-5-20251001", null).orElseThrow().id());
        assertTrue(PriceTable.bundled().find("claude-sonnet-9", null).isEmpty(), "an unknown model is not guessed");
    }

    @Test
    void theModelsOfTheClaudeCodeVersionCiRunsArePricedAsItsBuiltInCatalogPricesThem() {
        // Claude Code 2.1.330's model catalog: pricing tier per model (input / output / cache read per million)
        String[][] expected = {
                {"claude-opus-5-5", "4", "20", "0.2"}, {"claude-opus-5", "5", "25", "0.5"},
                {"claude-opus-4-8", "5", "25", "0.5"}, {"claude-opus-4-7", "5", "25", "0.5"},
                {"claude-opus-4-6", "5", "25", "0.5"}, {"claude-sonnet-5-5", "2", "10", "0.1"},
                {"claude-sonnet-5", "2", "10", "0.2"}, {"claude-sonnet-4-6", "3", "15", "0.3"},
                {"claude-haiku-5-5", "0.1", "0.5", "0.01"}, {"claude-mythos-5", "10", "50", "1"},
                {"claude-mythos-5-1", "10", "50", "0.25"}, {"claude-mythos-5-2", "8", "40", "0.2"},
                {"claude-fable-5", "10", "50", "1"}, {"claude-fable-5-1", "10", "50", "0.25"},
                {"claude-fable-5-2", "8", "40", "0.2"}};
        for (String[] e : expected) {
            var price = PriceTable.bundled().find(e[0], null).orElseThrow(() -> new AssertionError(e[0])).base();
            assertEquals(e[1] + "/" + e[2] + "/" + e[3], price.input().stripTrailingZeros().toPlainString() + "/"
                    + price.output().stripTrailingZeros().toPlainString() + "/"
                    + price.cacheRead().stripTrailingZeros().toPlainString(), e[0]);
        }
        // as Claude Code sends them: dated, dotted, through OpenRouter
        assertEquals("claude-opus-4-6", PriceTable.bundled().find("claude-opus-4-6-20260205", null).orElseThrow().id());
        assertEquals("claude-sonnet-4-6", PriceTable.bundled().find("anthropic/claude-sonnet-4.6", null).orElseThrow().id());
        assertEquals("claude-opus-5", PriceTable.bundled().find("CLAUDE-OPUS-5", null).orElseThrow().id());
    }

    @Test
    void haikuFiveFiveBillsTheWholeRequestAtItsLongPromptPricesAboveOneHundredThousandPromptTokens() {
        // 90,000 input + 20,000 cache reads = 110,000 prompt tokens > 100,000: 0.5 / 2.5 / 0.05 per million
        var above = pricing.cost(null, "claude-haiku-5-5", tokens(90_000, 2_000, 20_000, 0, null));
        assertEquals("0.051", above.toPlainString()); // 0.045 + 0.005 + 0.001
        var below = pricing.cost(null, "claude-haiku-5-5", tokens(70_000, 2_000, 20_000, 0, null));
        assertEquals("0.0082", below.toPlainString()); // 0.007 + 0.001 + 0.0002
    }

    @Test
    void aLongContextRequestIsBilledAtTheTierAboveTwoHundredThousandPromptTokens() {
        // 150,000 input + 60,000 cache reads = 210,000 prompt tokens > 200,000: 6 / 22.5 / 0.6 per million
        var cost = pricing.cost(null, "claude-sonnet-4-5", tokens(150_000, 1_000, 60_000, 0, null));
        assertEquals("0.9585", cost.toPlainString()); // 0.9 + 0.0225 + 0.036

        var below = pricing.cost(null, "claude-sonnet-4-5", tokens(150_000, 1_000, 50_000, 0, null));
        assertEquals("0.48", below.toPlainString()); // 0.45 + 0.015 + 0.015
    }

    @Test
    void oneHourCacheWritesUseTheirOwnPrice() {
        var cost = pricing.cost(null, "claude-opus-4-1", tokens(0, 0, 0, 1_000_000, 400_000L));
        assertEquals("23.25", cost.toPlainString()); // 600,000 × 18.75 + 400,000 × 30 per million
    }

    @Test
    void noReportedTokensMeansAnUnknownCostNotZero() {
        UsageReport none = new UsageReport("other", null, "/v1/messages", true, false, -1, null, null, null, null, null,
                null, null, null, 0);
        assertNull(pricing.cost(null, "claude-sonnet-4-5", none));
    }

    @Test
    void aProfileOverrideWithoutACacheReadPriceLeavesACachedRequestUnpriced() {
        Profile p = new Profile("x", "https://x", null, null, null, null, null, null, null,
                io.signalbox.profile.UsagePolicy.NONE.withPrice("m", io.signalbox.profile.ModelPrice.parse(
                        "input:1,output:2", "--price")));
        assertEquals("0.000003", pricing.cost(p, "m", tokens(1, 1, 0, 0, null)).toPlainString());
        assertNull(pricing.cost(p, "m", tokens(1, 1, 5, 0, null)));
    }

    @Test
    void deepSeekCacheHitTokensAreSubtractedFromPromptTokensOnce() {
        var u = Json.MAPPER.readTree("{\"prompt_tokens\":1000,\"completion_tokens\":10,\"prompt_cache_hit_tokens\":800,"
                + "\"prompt_cache_miss_tokens\":200}");
        TokenCounts c = TokenCounts.openAiChat(u);
        assertEquals(200L, c.input());
        assertEquals(800L, c.cacheRead());
    }

    @Test
    void anthropicCacheCreationDetailsAloneGiveTheCacheWriteTotal() {
        var u = Json.MAPPER.readTree("{\"input_tokens\":5,\"output_tokens\":1,\"cache_creation\":"
                + "{\"ephemeral_5m_input_tokens\":30,\"ephemeral_1h_input_tokens\":70}}");
        TokenCounts c = TokenCounts.anthropic(u);
        assertEquals(100L, c.cacheWrite());
        assertEquals(70L, c.cacheWrite1h());
        assertEquals(5L, c.input());
    }
}
