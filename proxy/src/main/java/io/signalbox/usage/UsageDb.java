package io.signalbox.usage;

import io.signalbox.common.SignalboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Where usage rows live: SQLite ({@code SIGNALBOX_HOME/usage.db}, WAL mode, busy timeout) or,
 * when {@code SIGNALBOX_DB_URL} is a {@code jdbc:postgresql://} URL, a shared PostgreSQL. The SQL
 * is portable (no AUTOINCREMENT/SERIAL, upserts with ON CONFLICT, costs as exact decimal text);
 * the schema is versioned and migrated forward on open.
 */
public final class UsageDb {
    /** SQL dialects the store speaks. */
    public enum Dialect { SQLITE, POSTGRES }

    static final int BUSY_TIMEOUT_MS = 5000;

    /** Schema migrations, in order; version N is {@code MIGRATIONS.get(N - 1)}. Never edit one: append. */
    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE usage_request (
              uid VARCHAR(40) PRIMARY KEY, ts BIGINT NOT NULL, day VARCHAR(10) NOT NULL,
              profile VARCHAR(64), client VARCHAR(32), endpoint VARCHAR(64),
              requested_model VARCHAR(200), upstream_model VARCHAR(200), response_model VARCHAR(200),
              status INTEGER NOT NULL, error_class VARCHAR(80), streamed INTEGER NOT NULL, complete INTEGER NOT NULL,
              latency_ms BIGINT NOT NULL, ttft_ms BIGINT,
              input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT, cache_write_tokens BIGINT,
              cache_write_1h_tokens BIGINT, reasoning_tokens BIGINT,
              cost_usd VARCHAR(40), session_id VARCHAR(200), failover_hops INTEGER NOT NULL)""",
            "CREATE INDEX usage_request_day ON usage_request (day, profile)",
            """
            CREATE TABLE usage_daily (
              day VARCHAR(10) NOT NULL, profile VARCHAR(64) NOT NULL, client VARCHAR(32) NOT NULL,
              model VARCHAR(200) NOT NULL, requests BIGINT NOT NULL,
              input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL, cache_read_tokens BIGINT NOT NULL,
              cache_write_tokens BIGINT NOT NULL, reasoning_tokens BIGINT NOT NULL,
              cost_usd VARCHAR(40) NOT NULL, unknown_cost_requests BIGINT NOT NULL,
              PRIMARY KEY (day, profile, client, model))""",
            "CREATE TABLE usage_gap (day VARCHAR(10) PRIMARY KEY, lost BIGINT NOT NULL)"));

    private final String url;
    private final Dialect dialect;
    private final String describe;

    private UsageDb(String url, Dialect dialect, String describe) {
        this.url = url;
        this.dialect = dialect;
        this.describe = describe;
    }

    /** SQLite in {@code file}. */
    public static UsageDb sqlite(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SignalboxException("cannot create " + file.getParent() + ": " + e.getMessage(),
                    "check the permissions of SIGNALBOX_HOME");
        }
        return new UsageDb("jdbc:sqlite:" + file.toAbsolutePath(), Dialect.SQLITE, file.toAbsolutePath().toString());
    }

    /** A JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql://...}). */
    public static UsageDb url(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            int q = url.indexOf('?');
            // the query part may carry a password: never show it
            return new UsageDb(url, Dialect.POSTGRES, q < 0 ? url : url.substring(0, q));
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return new UsageDb(url, Dialect.SQLITE, url);
        }
        throw new SignalboxException("SIGNALBOX_DB_URL must be a jdbc:postgresql:// or jdbc:sqlite: URL",
                "e.g. SIGNALBOX_DB_URL=jdbc:postgresql://db.internal:5432/signalbox?user=sb&password=...");
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Where the store is, without credentials. */
    public String describe() {
        return describe;
    }

    /** A new connection with the dialect's settings applied. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        if (dialect == Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** Brings the schema to the newest version (several instances may race: each step is one transaction). */
    public void migrate() {
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS signalbox_schema (version INTEGER PRIMARY KEY)");
            }
            for (int attempt = 0; ; attempt++) {
                try {
                    migrateOnce(c);
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    c.setAutoCommit(true);
                    if (attempt >= 3) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            boolean notADb = String.valueOf(e.getMessage()).contains("SQLITE_NOTADB")
                    || String.valueOf(e.getMessage()).contains("SQLITE_CORRUPT");
            throw new SignalboxException("cannot prepare the usage database " + describe + ": " + e.getMessage(),
                    dialect != Dialect.SQLITE ? "check SIGNALBOX_DB_URL and that the database accepts the user"
                            : notADb ? "the file is not a readable SQLite database (damaged or not Signalbox's): move"
                                    + " it aside (mv " + describe + " " + describe + ".damaged) and Signalbox starts a"
                                    + " new one; the old file is left as it is"
                            : "check that the file is writable and not held by another program", e);
        }
    }

    private static void migrateOnce(Connection c) throws SQLException {
        c.setAutoCommit(false);
        int version;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM signalbox_schema")) {
            rs.next();
            version = rs.getInt(1);
        }
        for (int v = version + 1; v <= MIGRATIONS.size(); v++) {
            try (Statement s = c.createStatement()) {
                for (String sql : MIGRATIONS.get(v - 1)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO signalbox_schema (version) VALUES (" + v + ")");
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** The schema version now in the database. */
    public int schemaVersion() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM signalbox_schema")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
