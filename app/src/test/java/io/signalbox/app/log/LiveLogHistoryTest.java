package io.signalbox.app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.AppServices;
import io.signalbox.app.testing.AppFixture;
import io.signalbox.app.testing.StoreRows;
import io.signalbox.usage.UsageEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live log opens with the requests recorded before the app started, above the live ones. */
class LiveLogHistoryTest {
    @TempDir
    Path dir;

    @Test
    void theLogOpensWithTheRecordedRequestsOldestFirstThenLiveOnesFollow() throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        try (AppFixture f = new AppFixture(dir)) {
            Instant yesterday = LocalDate.now(zone).minusDays(1).atTime(15, 4, 5).atZone(zone).toInstant();
            Instant minuteAgo = Instant.now().minus(Duration.ofMinutes(1));
            Instant later = Instant.now().plus(Duration.ofHours(1));
            try (StoreRows r = new StoreRows(UsageEngine.defaultDb(f.signalbox), yesterday, zone,
                    f.signalbox.profiles()::find)) {
                r.request("work", "mock-sonnet", 1000L, 500L, 200);
            }
            try (StoreRows r = new StoreRows(UsageEngine.defaultDb(f.signalbox), minuteAgo, zone,
                    f.signalbox.profiles()::find)) {
                r.request("lab", "mock-opus", null, null, 502);
            }
            // stored with a time after the app's start: not history (a live request of this run would be shown twice)
            try (StoreRows r = new StoreRows(UsageEngine.defaultDb(f.signalbox), later, zone,
                    f.signalbox.profiles()::find)) {
                r.request("work", "from-the-future", 1L, 1L, 200);
            }
            f.startProxy();
            AppServices s = f.services(Runnable::run);

            AppFixture.await(() -> s.log.rows().size() == 2);
            List<LogRow> rows = List.copyOf(s.log.rows());
            LogRow old = rows.get(0);
            LogRow failed = rows.get(1);
            assertTrue(old.recorded());
            assertEquals(yesterday.atZone(zone).format(java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm")),
                    old.time(), "a request from another day shows its date");
            assertEquals("work", old.profile());
            assertEquals("200", old.status());
            assertEquals("1,500", old.tokens());
            java.math.BigDecimal storedCost = new io.signalbox.usage.UsageQueries(UsageEngine.defaultDb(f.signalbox))
                    .rows(0).getFirst().costUsd();
            assertEquals(io.signalbox.app.usage.Money.format(storedCost), old.cost(), "the cost the store recorded");
            assertEquals("250 ms", old.latency());
            assertTrue(old.detail().startsWith("Recorded request at "), old.detail());
            assertTrue(old.detail().contains("Bytes: " + LogRow.NOT_STORED), old.detail());
            assertEquals(minuteAgo.atZone(zone).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")),
                    failed.time(), "today's: the time only");
            assertTrue(failed.failed(), failed.status());
            assertEquals("lab", failed.profile());
            assertEquals("—", failed.tokens());
            assertFalse(s.log.rows().stream().anyMatch(x -> x.model().contains("from-the-future")));

            assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
            AppFixture.await(() -> s.log.rows().size() == 3 && s.log.rows().get(2).last().isTerminal());
            LogRow live = s.log.rows().get(2);
            assertFalse(live.recorded());
            assertEquals("claude-sonnet-4-5 → mock-sonnet", live.model());
            assertEquals("$0.0081", live.cost());
            assertEquals(old, s.log.rows().get(0), "a live event leaves the history rows as they were");
        }
    }

    @Test
    void theDetailOfARecordedRequestShowsEveryValueTheStoreKeptAndSaysWhichItDoesNotKeep() {
        ZoneId zone = java.time.ZoneOffset.UTC;
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-22T15:00:00Z"), zone);
        io.signalbox.usage.UsageRow streamed = new io.signalbox.usage.UsageRow("0", Instant.parse(
                "2026-11-22T09:00:00Z").toEpochMilli(), "2026-11-22", "work", "claude-code", "/v1/messages",
                "claude-sonnet-4-5-20250929", "deepseek-chat", "deepseek-chat-v3", 200, null, true, true, 2300L, 340L,
                1200L, 450L, 5000L, 300L, 200L, 64L, new java.math.BigDecimal("0.013425"), "session-7", 1);
        io.signalbox.usage.UsageRow plain = new io.signalbox.usage.UsageRow("1", Instant.parse(
                "2026-11-22T09:01:00Z").toEpochMilli(), "2026-11-22", "work", "claude-code", "/v1/messages",
                "mock-sonnet", "mock-sonnet", null, 200, null, false, true, 250L, null, 1000L, 500L, 0L, 0L, null,
                null, new java.math.BigDecimal("0.0105"), null, 0);
        LiveLogViewModel log = new LiveLogViewModel(Runnable::run, clock, zone, e -> null);
        log.loadHistory(List.of(streamed, plain));

        log.selected().set(log.rows().get(0));
        String detail = log.detail().get();
        assertTrue(detail.contains("Time to first token: 340 ms"), detail);
        assertTrue(detail.contains("Time to first byte: " + LogRow.NOT_STORED), detail);
        assertTrue(detail.contains("Bytes: " + LogRow.NOT_STORED), detail);
        assertTrue(detail.contains("Latency: 2300 ms"), detail);
        assertTrue(detail.contains("Client: claude-code"), detail);
        assertTrue(detail.contains("Model that answered: deepseek-chat-v3"), detail);
        assertTrue(detail.contains("Response: streamed, complete"), detail);
        assertTrue(detail.contains("Tokens: 6,950 (input 1,200, output 450, cache read 5,000, cache write 300"
                + " of which 1 h 200, reasoning 64)"), detail);
        assertTrue(detail.contains("Cost: $0.0134"), detail);
        assertTrue(detail.contains("Failover: 1 other upstream tried first"), detail);
        assertTrue(detail.contains("Session: session-7"), detail);
        assertFalse(detail.contains(": —\n"), "no bare dash: " + detail);
        assertEquals("340 ms", log.rows().get(0).ttft(), "the TTFT column shows the stored time to first token");

        log.selected().set(log.rows().get(1));
        detail = log.detail().get();
        assertTrue(detail.contains("Time to first token: — (measured for streamed responses only)"), detail);
        assertTrue(detail.contains("Response: not streamed, complete"), detail);
        assertTrue(detail.contains("Bytes: " + LogRow.NOT_STORED), detail);
    }
}
