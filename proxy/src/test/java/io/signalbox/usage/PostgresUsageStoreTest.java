package io.signalbox.usage;

import io.signalbox.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
