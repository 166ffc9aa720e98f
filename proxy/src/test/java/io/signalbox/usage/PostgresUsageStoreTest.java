package io.signalbox.usage;

import io.signalbox.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.event.RequestEvent;
import io.signalbox.event.UsageReport;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Budget;
import io.signalbox.profile.Profile;
import io.signalbox.profile.UsagePolicy;
import io.signalbox.route.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server started for this test run (SIGNALBOX_DB_URL=jdbc:postgresql://...). */
class PostgresUsageStoreTest extends UsageStoreContract {
    static PostgresServer pg;
    static int databases;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServer.start("signalbox_usage");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    /** A fresh database per test, so each starts empty. */
    @Override
    UsageDb db() {
        String name = "usage_" + (++databases);
        try (Connection c = DriverManager.getConnection(pg.url()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return UsageDb.url(pg.url(name));
    }

    @Test
    void twoInstancesSharingTheDatabaseCountEachOthersSpendingAgainstABudget() throws Exception {
        UsageDb db = db();
        Profile team = new Profile("team", "https://api.deepseek.com/anthropic", ApiFormat.ANTHROPIC, AuthStyle.BEARER,
                null, null, null, "deepseek", null, new UsagePolicy(null, null, List.of(Budget.parse("daily=0.5usd")), null));
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        try (UsageEngine a = engine(db, clock, team); UsageEngine b = engine(db, clock, team)) {
            for (int i = 0; i < 2; i++) { // 1,000,000 deepseek-chat input tokens: 0.28 USD each
                a.onEvent(new RequestEvent(i, RequestEvent.Kind.COMPLETED, "POST", "/v1/messages", "team", "claude-sonnet-5",
                        "deepseek-chat", 200, 10, 5, 100, null, new UsageReport("claude-code", null, "/v1/messages",
                                false, true, -1, 1_000_000L, 0L, 0L, 0L, null, null, "deepseek-chat", null, 0)));
            }
            assertTrue(a.flush(Duration.ofSeconds(60)));
            assertThrows(Rejection.class, () -> a.admit(team));
            b.admit(team); // b has not looked at the shared store since it started

            b.refreshBudgets();

            Rejection r = assertThrows(Rejection.class, () -> b.admit(team));
            assertEquals(402, r.status());
        }
    }

    private static UsageEngine engine(UsageDb db, Clock clock, Profile p) {
        return new UsageEngine(db, clock, ZoneOffset.UTC, n -> Optional.of(p), new Pricing(PriceTable.bundled()), 100);
    }
}
