package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The store's behaviour, the same on every dialect: SQLite ({@link SqliteUsageStoreTest}) and a
 * real PostgreSQL ({@link PostgresUsageStoreTest}).
 */
abstract class UsageStoreContract {
    /** A fresh, empty store. */
    abstract UsageDb db();

    static UsageRow row(String day, String profile, String model, String session, Long input, String cost) {
        long ts = Instant.parse(day + "T10:00:00Z").toEpochMilli();
        return new UsageRow(UUID.randomUUID().toString(), ts, day, profile, "claude-code", "/v1/messages",
                "claude-sonnet-5", model, model, 200, null, true, true, 1234, 56L, input, 7L, 3L, 2L, 1L, null,
                cost == null ? null : new BigDecimal(cost), session, 0);
    }

    private static void write(UsageDb db, List<UsageRow> rows) throws Exception {
        UsageWriter w = new UsageWriter(db, 10_000, () -> "2026-03-10");
        for (UsageRow r : rows) {
            assertTrue(w.offer(r));
        }
        assertTrue(w.flush(Duration.ofSeconds(60)));
        w.close();
    }

    @Test
    void migrationsRunOnceAndLeaveTheNewestSchemaVersion() throws Exception {
        UsageDb db = db();
        db.migrate();
        db.migrate();

        assertEquals(UsageDb.MIGRATIONS.size(), db.schemaVersion());
    }

    @Test
    void rowsComeBackExactlyAsWrittenWithExactDecimalsAndNulls() throws Exception {
        UsageDb db = db();
        db.migrate();
        UsageRow a = row("2026-03-10", "anth", "claude-sonnet-4-5", "s1", 1200L, "0.013425");
        UsageRow b = row("2026-03-10", "chat", "house-model", null, null, null);

        write(db, List.of(a, b));

        List<UsageRow> back = new UsageQueries(db).rows(0);
        assertEquals(2, back.size());
        assertTrue(back.contains(a), back.toString());
        UsageRow nb = back.stream().filter(r -> r.uid().equals(b.uid())).findFirst().orElseThrow();
        assertNull(nb.inputTokens());
        assertNull(nb.costUsd());
        assertNull(nb.sessionId());
    }

    @Test
    void aThousandRowsFromManyThreadsAreAllStoredOnce() throws Exception {
        UsageDb db = db();
        db.migrate();
        UsageWriter w = new UsageWriter(db, 10_000, () -> "2026-03-10");
        Thread[] threads = new Thread[10];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100; i++) {
                    w.offer(row("2026-03-10", "anth", "m", "s", 1L, "0.000001"));
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(w.flush(Duration.ofSeconds(60)));
        w.close();

        assertEquals(1000, new UsageQueries(db).rows(0).size());
    }

    @Test
    void retentionRollsOldRowsUpByDayAndKeepsTheTotalsExact() throws Exception {
        UsageDb db = db();
        db.migrate();
        write(db, List.of(
                row("2026-01-05", "anth", "claude-sonnet-4-5", "s1", 1000L, "0.1"),
                row("2026-01-05", "anth", "claude-sonnet-4-5", "s2", 2000L, "0.2"),
                row("2026-01-05", "anth", "house-model", "s2", 10L, null),
                row("2026-03-10", "anth", "claude-sonnet-4-5", "s3", 5L, "0.000005")));
        UsageReports reports = new UsageReports(new UsageQueries(db), java.time.Clock.fixed(
                Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        UsageSummary before = reports.summary(reports.since("2026-01-01"), "day", n -> null);

        assertEquals(3, new UsageQueries(db).rollUp("2026-02-01"));
        assertEquals(0, new UsageQueries(db).rollUp("2026-02-01"));

        UsageSummary after = reports.summary(reports.since("2026-01-01"), "day", n -> null);
        assertEquals(1, new UsageQueries(db).rows(0).size());
        assertEquals(before.groups(), after.groups());
        assertEquals("0.300005", after.total().costUsd());
        assertEquals(1, after.total().unknownCostRequests());
        assertEquals(4, after.total().requests());
    }

    @Test
    void lostRowsAreStoredPerDayWithTheNextBatch() throws Exception {
        UsageDb db = db();
        db.migrate();
        UsageWriter w = new UsageWriter(db, 1, () -> "2026-03-10");
        int lost = 0;
        for (int i = 0; i < 50; i++) {
            if (!w.offer(row("2026-03-10", "anth", "m", "s", 1L, "0.1"))) {
                lost++;
            }
        }
        assertTrue(w.flush(Duration.ofSeconds(60)));
        w.close();

        assertEquals(lost, w.lost());
        assertTrue(lost > 0, "a queue of one overflows");
        assertEquals(lost, new UsageQueries(db).lost("2026-03-01"));
    }
}
