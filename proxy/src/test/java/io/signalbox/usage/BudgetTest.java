package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.profile.Budget;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Acceptance: a profile over its daily budget is refused; the next day (injected clock) it passes. */
class BudgetTest {
    @TempDir
    Path dir;
    UsageFixture f;
    final List<BudgetEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        f = new UsageFixture(dir);
        f.usage.budgets().subscribe(events::add);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private void budget(String spec, boolean soft) {
        f.signalbox.profiles().edit("anth", p -> p.withUsage(p.usageOrNone().withBudget(Budget.parse(spec))
                .withSoftBudget(soft ? Boolean.TRUE : null)));
    }

    private int asked;

    /** One request; returns once its row is stored (so its cost is counted before the next check). */
    private HttpResponse<String> ask() throws Exception {
        HttpResponse<String> res = f.post("/v1/messages", UsageFixture.anthropicBody(false), "claude-cli/2.1.197");
        f.rows(++asked);
        return res;
    }

    @Test
    void aProfileOverItsDailyBudgetIsRefusedAndPassesAgainTheNextDay() throws Exception {
        budget("daily=0.03usd", false); // each request costs 0.013425 USD

        assertEquals(200, ask().statusCode());
        assertEquals(200, ask().statusCode()); // 0.02685: past 80 %
        assertEquals(200, ask().statusCode()); // 0.040275: over
        HttpResponse<String> refused = ask();

        assertEquals(402, refused.statusCode());
        JsonNode err = Json.MAPPER.readTree(refused.body());
        assertEquals("error", err.path("type").asString());
        assertEquals("budget_exceeded", err.path("error").path("type").asString());
        String msg = err.path("error").path("message").asString();
        assertTrue(msg.contains("daily budget of 0.03 USD"), msg);
        assertTrue(msg.contains("signalbox profile edit anth --budget daily="), msg);
        assertEquals(List.of(BudgetEvent.Level.WARNING, BudgetEvent.Level.EXCEEDED),
                events.stream().map(BudgetEvent::level).toList());

        f.clock.advance(Duration.ofDays(1));

        assertEquals(200, ask().statusCode());
    }

    @Test
    void aProfileOverItsHardBudgetIsFailedOverToItsFallbackWhichTheRowsThenName() throws Exception {
        budget("daily=0.02usd", false);
        f.signalbox.profiles().edit("anth", p -> p.withFallbacks(List.of("chat")));
        assertEquals(200, ask().statusCode());
        assertEquals(200, ask().statusCode()); // 0.02685: over from here on

        HttpResponse<String> third = ask();
        assertEquals(200, third.statusCode(), third.body());
        assertEquals("message", Json.MAPPER.readTree(third.body()).path("type").asString(),
                "Claude Code's request, translated for the fallback and back");
        List<UsageRow> rows = f.rows(3);
        assertEquals(List.of("anth", "anth", "chat"), rows.stream().map(UsageRow::profile).toList());
        assertEquals(3, rows.size(), "one row per request: the refused attempt is not one");
        assertEquals(List.of(0, 0, 1), rows.stream().map(UsageRow::failoverHops).toList(), "the row says it failed over");
    }

    @Test
    void theSuggestedRaiseIsARoundFigureAboveWhatHasBeenUsedSoTheNextRequestPasses() throws Exception {
        budget("daily=0.005usd", false);
        assertEquals(200, ask().statusCode()); // 0.013425: more than twice the limit
        HttpResponse<String> refused = ask();
        assertEquals(402, refused.statusCode());
        String msg = Json.MAPPER.readTree(refused.body()).path("error").path("message").asString();
        assertTrue(msg.contains("Raise it with: signalbox profile edit anth --budget daily=0.02usd "), msg);

        budget("daily=0.02usd", false);
        assertEquals(200, ask().statusCode());
    }

    @Test
    void raisedLimitIsAtLeastTwiceTheLimitAboveTheUsedAmountAndRound() {
        assertEquals("0.00004", Budgets.raisedLimit(new BigDecimal("0.00001"), new BigDecimal("0.00003332"))
                .toPlainString());
        assertEquals("0.06", Budgets.raisedLimit(new BigDecimal("0.03"), new BigDecimal("0.040275")).toPlainString());
        assertEquals("0.00005", Budgets.raisedLimit(new BigDecimal("0.00001"), new BigDecimal("0.00004"))
                .toPlainString());
        assertEquals("6", Budgets.raisedLimit(new BigDecimal("3"), new BigDecimal("3")).toPlainString());
        assertEquals("2000000", Budgets.raisedLimit(new BigDecimal("1000000"), new BigDecimal("1006950"))
                .toPlainString());
        assertEquals("30000", Budgets.raisedLimit(new BigDecimal("10000"), new BigDecimal("20850")).toPlainString());
    }

    @Test
    void aSoftBudgetLetsRequestsThroughWithAWarning() throws Exception {
        budget("daily=1000tokens", true);

        assertEquals(200, ask().statusCode());
        assertEquals(200, ask().statusCode());

        assertTrue(events.stream().anyMatch(e -> e.level() == BudgetEvent.Level.EXCEEDED && e.soft()), events.toString());
    }

    @Test
    void aMonthlyTokenBudgetIsSeededFromTheDatabaseAtStart() throws Exception {
        budget("monthly=20000tokens", false); // each request: 1200 + 450 + 5000 + 300 = 6950 tokens
        assertEquals(200, ask().statusCode());
        assertEquals(200, ask().statusCode());

        UsageEngine restarted = new UsageEngine(UsageDb.sqlite(f.home.signalboxHome.resolve("usage.db")), f.clock,
                ZoneOffset.UTC, name -> f.signalbox.profiles().find(name), new Pricing(PriceTable.bundled()), 100);
        try (restarted) {
            Budget b = Budget.parse("monthly=20000tokens");
            assertEquals(new BigDecimal(13900), restarted.budgets().used("anth", b, restarted.budgets().today()));
        }
    }
}
