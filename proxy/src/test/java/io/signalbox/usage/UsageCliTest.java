package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.event.RequestEvent;
import io.signalbox.event.UsageReport;
import io.signalbox.profile.Budget;
import io.signalbox.profile.Profile;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code signalbox usage} (text, --json, --csv) and the cost options of {@code signalbox profile edit}. */
class UsageCliTest {
    @TempDir
    Path dir;
    TestHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(dir);
        assertEquals(0, CliRun.run(home, "profile", "add", "ds", "--preset", "deepseek").code());
    }

    private void record(String session, String model, long input, long output) throws Exception {
        Signalbox sb = new Signalbox(home.env(), Clock.systemUTC(), w -> { });
        try (UsageEngine e = new UsageEngine(UsageEngine.defaultDb(sb), Clock.systemUTC(), ZoneId.systemDefault(),
                name -> sb.profiles().find(name), new Pricing(PriceTable.bundled()), 100)) {
            e.onEvent(new RequestEvent(1, RequestEvent.Kind.COMPLETED, "POST", "/v1/messages", "ds", "claude-sonnet-5",
                    model, 200, 120, 40, 900, null, new UsageReport("claude-code", session, "/v1/messages", true, true,
                            60, input, output, 0L, 0L, null, null, model, null, 0)));
            assertTrue(e.flush(Duration.ofSeconds(60)));
        }
    }

    @Test
    void csvIsRfc4180WithAHeaderRowCrlfLineEndsAndQuotedFields() throws Exception {
        record("plain", "deepseek-chat", 1000, 100);
        record("with,comma", "deepseek-chat", 1000, 100);
        record("with \"quote\"", "deepseek-chat", 1000, 100);
        record("with\r\nnewline", "deepseek-chat", 1000, 100);

        CliRun.Result r = CliRun.run(home, "usage", "--by", "session", "--csv");

        assertEquals(0, r.code(), r.all());
        assertEquals("session,requests,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,"
                + "reasoning_tokens,cost_usd,unknown_cost_requests\r\n"
                + "plain,1,1000,100,0,0,0,0.000322,0\r\n"
                + "\"with\r\nnewline\",1,1000,100,0,0,0,0.000322,0\r\n"
                + "\"with \"\"quote\"\"\",1,1000,100,0,0,0,0.000322,0\r\n"
                + "\"with,comma\",1,1000,100,0,0,0,0.000322,0\r\n", r.out());
    }

    @Test
    void jsonHasTotalsGroupsLostAndHintsForModelsWithoutAPrice() throws Exception {
        record("s1", "deepseek-chat", 1000, 100);
        record("s1", "house-model", 10, 10);

        CliRun.Result r = CliRun.run(home, "usage", "--since", "24h", "--by", "model", "--json");

        assertEquals(0, r.code(), r.all());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals("24h", j.path("since").asString());
        assertEquals("model", j.path("by").asString());
        assertEquals(2, j.path("total").path("requests").asLong());
        assertEquals("0.000322", j.path("total").path("costUsd").asString());
        assertEquals(1, j.path("total").path("unknownCostRequests").asLong());
        assertEquals(0, j.path("lost").asLong());
        assertEquals("house-model", j.path("unpriced").get(0).path("model").asString());
        assertTrue(j.path("unpriced").get(0).path("fix").asString()
                .startsWith("signalbox profile edit ds --price house-model=input:"));
        assertEquals(2, j.path("groups").size());
    }

    @Test
    void textOutputNamesUnknownCostsAndHowToAddAPrice() throws Exception {
        record("s1", "house-model", 10, 10);

        CliRun.Result r = CliRun.run(home, "usage");

        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("unknown (1)"), r.out());
        assertTrue(r.out().contains("note: 1 request to 'house-model' (profile 'ds') has no price, so its cost is"
                + " unknown"), r.out());
        assertTrue(r.out().contains("signalbox profile edit ds --price house-model=input:3,output:15,cache-read:0.3,"
                + "cache-write:3.75"), r.out());
    }

    @Test
    void profileEditSetsPricesBudgetsAndSoftBudgetAndShowPrintsThem() throws Exception {
        CliRun.Result r = CliRun.run(home, "profile", "edit", "ds", "--price",
                "deepseek-chat=input:0.3,output:0.5,cache-read:0.03,cache-write:0", "--budget", "daily=5usd",
                "--budget", "monthly=2000000tokens", "--soft-budget", "--cost-multiplier", "1.1");

        assertEquals(0, r.code(), r.all());
        Signalbox sb = new Signalbox(home.env(), Clock.systemUTC(), w -> { });
        Profile p = sb.profiles().get("ds");
        assertEquals(new BigDecimal("0.3"), p.usageOrNone().prices().get("deepseek-chat").input());
        assertEquals(List.of(Budget.parse("daily=5usd"), Budget.parse("monthly=2000000tokens")),
                p.usageOrNone().budgets());
        assertTrue(p.usageOrNone().soft());
        assertEquals(new BigDecimal("1.1"), p.usageOrNone().multiplier());
        String shown = CliRun.run(home, "profile", "show", "ds").out();
        assertTrue(shown.contains("budget:    daily=5usd (soft: warn only)"), shown);
        assertTrue(shown.contains("price:     deepseek-chat=input:0.3,output:0.5,cache-read:0.03,cache-write:0"), shown);

        assertEquals(0, CliRun.run(home, "profile", "edit", "ds", "--no-soft-budget", "--budget", "daily=0usd").code());
        Profile after = sb.profiles().get("ds");
        assertFalse(after.usageOrNone().soft());
        assertEquals(List.of(Budget.parse("monthly=2000000tokens")), after.usageOrNone().budgets());
    }

    @Test
    void aMalformedPriceOrBudgetSaysHowToWriteIt() {
        CliRun.Result price = CliRun.run(home, "profile", "edit", "ds", "--price", "deepseek-chat=cheap");
        CliRun.Result budget = CliRun.run(home, "profile", "edit", "ds", "--budget", "weekly=5usd");

        assertTrue(price.code() != 0);
        assertTrue(price.err().contains("input:3,output:15,cache-read:0.3,cache-write:3.75"), price.err());
        assertTrue(budget.code() != 0);
        assertTrue(budget.err().contains("--budget daily=5usd"), budget.err());
    }

    @Test
    void profilesWrittenBeforeBudgetsExistedStillLoad() throws Exception {
        Path file = home.signalboxHome.resolve("profiles.json");
        String json = Files.readString(file);
        assertFalse(json.contains("usage"), json);

        assertEquals(0, CliRun.run(home, "profile", "show", "ds").code());
    }

    @Test
    void requestsThatCouldNotBeRecordedAreCountedAndShownNeverSilent() throws Exception {
        record("s1", "deepseek-chat", 1000, 100);
        UsageDb db = UsageEngine.defaultDb(new Signalbox(home.env(), Clock.systemUTC(), w -> { }));
        UsageWriter w = new UsageWriter(db, 1, () -> java.time.LocalDate.now().toString());
        for (int i = 0; i < 20; i++) {
            w.offer(UsageStoreContract.row(java.time.LocalDate.now().toString(), "ds", "deepseek-chat", "s", 1L, "0"));
        }
        assertTrue(w.flush(Duration.ofSeconds(60)));
        w.close();
        assertTrue(w.lost() > 0);

        CliRun.Result text = CliRun.run(home, "usage");
        CliRun.Result json = CliRun.run(home, "usage", "--json");

        assertTrue(text.out().contains("warning: " + w.lost() + (w.lost() == 1 ? " request was" : " requests were")
                + " relayed but could not be recorded"),
                text.out());
        assertEquals(w.lost(), Json.MAPPER.readTree(json.out()).path("lost").asLong());
    }
}
