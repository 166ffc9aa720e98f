package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: fixed-token mocks in Anthropic and OpenAI formats, streamed and not, through the
 * real proxy — every row's tokens equal what the upstream reported and its cost equals the price
 * table to the last decimal.
 */
class UsageRecordingTest {
    @TempDir
    Path dir;
    UsageFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new UsageFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    // claude-sonnet-4-5: 1200×3 + 450×15 + 5000×0.3 + 100×3.75 (5 min writes) + 200×6 (1 h writes) per million
    private static final BigDecimal ANTHROPIC_COST = new BigDecimal("0.013425");
    // gpt-5: (2000−1500)×1.25 + 300×10 + 1500×0.125 per million
    private static final BigDecimal CHAT_COST = new BigDecimal("0.0038125");
    // gpt-5-codex (= gpt-5): (4000−1000)×1.25 + 700×10 + 1000×0.125 per million
    private static final BigDecimal RESPONSES_COST = new BigDecimal("0.010875");

    @Test
    void anthropicStreamedAndNotAreRecordedWithTheReportedTokensAndTheExactCost() throws Exception {
        assertEquals(200, f.post("/v1/messages?beta=true", UsageFixture.anthropicBody(true), "claude-cli/2.1.197").statusCode());
        assertEquals(200, f.post("/v1/messages", UsageFixture.anthropicBody(false), "claude-cli/2.1.197").statusCode());

        List<UsageRow> rows = f.rows(2);
        assertEquals(2, rows.size());
        for (UsageRow r : rows) {
            assertEquals(1200L, r.inputTokens(), "input excludes cache reads and writes");
            assertEquals(450L, r.outputTokens());
            assertEquals(5000L, r.cacheReadTokens());
            assertEquals(300L, r.cacheWriteTokens());
            assertEquals(200L, r.cacheWrite1hTokens());
            assertEquals(0, ANTHROPIC_COST.compareTo(r.costUsd()), "cost " + r.costUsd());
            assertEquals(ANTHROPIC_COST.toPlainString(), r.costUsd().toPlainString());
            assertEquals("anth", r.profile());
            assertEquals("claude-code", r.client());
            assertEquals("session-42", r.sessionId());
            assertEquals("/v1/messages", r.endpoint());
            assertEquals("claude-sonnet-5", r.requestedModel());
            assertEquals("claude-sonnet-4-5-20250929", r.upstreamModel());
            assertEquals(200, r.status());
            assertTrue(r.complete());
            assertNull(r.errorClass());
        }
        assertTrue(rows.stream().anyMatch(UsageRow::streamed));
        assertTrue(rows.stream().anyMatch(r -> !r.streamed()));
        assertNotNull(rows.stream().filter(UsageRow::streamed).findFirst().orElseThrow().ttftMs());
    }

    @Test
    void openAiChatSubtractsCachedTokensFromPromptTokensExactlyOnce() throws Exception {
        f.post("/p/chat/v1/chat/completions", UsageFixture.chatBody(true), "codex_cli_rs/0.169.0");
        f.post("/p/chat/v1/chat/completions", UsageFixture.chatBody(false), "curl/8");

        List<UsageRow> rows = f.rows(2);
        assertEquals(2, rows.size());
        for (UsageRow r : rows) {
            assertEquals(500L, r.inputTokens());
            assertEquals(1500L, r.cacheReadTokens());
            assertEquals(300L, r.outputTokens());
            assertEquals(100L, r.reasoningTokens());
            assertEquals(CHAT_COST.toPlainString(), r.costUsd().toPlainString());
            assertEquals("gpt-5", r.upstreamModel());
            assertTrue(r.complete());
        }
        assertEquals(List.of("codex", "other"), rows.stream().map(UsageRow::client).sorted().toList());
    }

    @Test
    void claudeCodesRequestsTranslatedToAChatProviderAreRecordedWithTheProvidersTokensAndCost() throws Exception {
        f.post("/p/chat/v1/messages", UsageFixture.anthropicBody(true), "claude-cli/2.1.330 (external, cli)");
        f.post("/p/chat/v1/messages", UsageFixture.anthropicBody(false), "claude-cli/2.1.330 (external, cli)");

        List<UsageRow> rows = f.rows(2);
        assertEquals(2, rows.size());
        for (UsageRow r : rows) {
            assertEquals(500L, r.inputTokens(), "prompt_tokens 2000 include 1500 cached: subtracted once");
            assertEquals(1500L, r.cacheReadTokens());
            assertEquals(300L, r.outputTokens());
            assertEquals(CHAT_COST.toPlainString(), r.costUsd().toPlainString());
            assertEquals("claude-sonnet-5", r.requestedModel());
            assertEquals("gpt-5", r.upstreamModel());
            assertEquals("/v1/messages", r.endpoint());
            assertEquals("claude-code", r.client());
            assertEquals(200, r.status());
            assertTrue(r.complete());
        }
        assertTrue(rows.stream().anyMatch(UsageRow::streamed));
        assertTrue(rows.stream().anyMatch(r -> !r.streamed()));
    }

    @Test
    void codexsRequestsTranslatedToAChatProviderAreRecordedWithTheProvidersTokensAndCost() throws Exception {
        f.post("/p/chat/v1/responses", UsageFixture.responsesBody(true), "codex_cli_rs/0.169.0");
        f.post("/p/chat/v1/responses", UsageFixture.responsesBody(false), "codex_cli_rs/0.169.0");

        List<UsageRow> rows = f.rows(2);
        assertEquals(2, rows.size());
        for (UsageRow r : rows) {
            assertEquals(500L, r.inputTokens(), "prompt_tokens 2000 include 1500 cached: subtracted once");
            assertEquals(1500L, r.cacheReadTokens());
            assertEquals(300L, r.outputTokens());
            assertEquals(100L, r.reasoningTokens());
            assertEquals(CHAT_COST.toPlainString(), r.costUsd().toPlainString());
            assertEquals("gpt-5", r.upstreamModel());
            assertEquals("/v1/responses", r.endpoint());
            assertEquals("codex", r.client());
            assertTrue(r.complete());
        }
    }

    @Test
    void openAiResponsesAreReadFromResponseCompletedAndFromTheJsonBody() throws Exception {
        f.post("/p/resp/v1/responses", UsageFixture.responsesBody(true), "codex_cli_rs/0.169.0");
        f.post("/p/resp/v1/responses", UsageFixture.responsesBody(false), "codex_cli_rs/0.169.0");

        List<UsageRow> rows = f.rows(2);
        assertEquals(2, rows.size());
        for (UsageRow r : rows) {
            assertEquals(3000L, r.inputTokens());
            assertEquals(1000L, r.cacheReadTokens());
            assertEquals(700L, r.outputTokens());
            assertEquals(200L, r.reasoningTokens());
            assertEquals(RESPONSES_COST.toPlainString(), r.costUsd().toPlainString());
            assertEquals("codex", r.client());
            assertTrue(r.complete());
        }
    }

    @Test
    void aStreamCutShortRecordsWhatWasSeenAndIsMarkedIncomplete() throws Exception {
        f.mock.cutStreams = true;

        f.post("/v1/messages", UsageFixture.anthropicBody(true), "claude-cli/2.1.197");

        UsageRow r = f.rows(1).getFirst();
        assertFalse(r.complete());
        assertEquals(1200L, r.inputTokens());
        assertEquals(1L, r.outputTokens(), "the output count message_start reported");
        assertEquals(5000L, r.cacheReadTokens());
    }

    @Test
    void aModelWithoutAPriceHasAnUnknownCostNeverZero() throws Exception {
        f.signalbox.profiles().edit("chat", p -> p.withModels(p.models().withFamily(
                io.signalbox.profile.ModelFamily.parse("default").orElseThrow(), "house-model-7")));

        f.post("/p/chat/v1/chat/completions", UsageFixture.chatBody(false), "curl/8");

        UsageRow r = f.rows(1).getFirst();
        assertEquals(500L, r.inputTokens());
        assertNull(r.costUsd());
    }

    @Test
    void aProfilePriceOverrideAndMultiplierReplaceTheTable() throws Exception {
        f.signalbox.profiles().edit("chat", p -> p.withUsage(p.usageOrNone()
                .withPrice("gpt-5", io.signalbox.profile.ModelPrice.parse("input:2,output:8,cache-read:0.5", "--price"))
                .withMultiplier(new BigDecimal("1.1"))));

        f.post("/p/chat/v1/chat/completions", UsageFixture.chatBody(false), "curl/8");

        // (500×2 + 300×8 + 1500×0.5) / 1e6 × 1.1 = 0.0041500 × 1.1
        assertEquals("0.004565", f.rows(1).getFirst().costUsd().toPlainString());
    }

    @Test
    void rowsNeverContainPromptOrResponseTextNorKeys() throws Exception {
        f.post("/v1/messages", UsageFixture.anthropicBody(true), "claude-cli/2.1.197");
        f.rows(1);
        f.usage.close();

        byte[] db = Files.readAllBytes(f.home.signalboxHome.resolve("usage.db"));
        String all = new String(db, java.nio.charset.StandardCharsets.ISO_8859_1);
        Path wal = f.home.signalboxHome.resolve("usage.db-wal");
        if (Files.exists(wal)) {
            all += new String(Files.readAllBytes(wal), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertFalse(all.contains("secret prompt text"));
        assertFalse(all.contains("the usage is fine"));
        assertFalse(all.contains("sk-test-key"));
        assertTrue(all.contains("claude-sonnet-4-5-20250929"), "the check reads the right file");
    }
}
