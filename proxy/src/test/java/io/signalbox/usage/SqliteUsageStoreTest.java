package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite (the default: SIGNALBOX_HOME/usage.db), and its lock handling. */
class SqliteUsageStoreTest extends UsageStoreContract {
    @TempDir
    Path dir;

    @Override
    UsageDb db() {
        return UsageDb.sqlite(dir.resolve("usage.db"));
    }

    @Test
    void rowsWaitWhileTheDatabaseStaysLockedPastTheBusyTimeoutAndAreWrittenOnceItIsFree() throws Exception {
        UsageDb db = db();
        db.migrate();
        UsageWriter w = new UsageWriter(db, 1000, () -> "2026-03-10");
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            for (int i = 0; i < 10; i++) {
                assertTrue(w.offer(row("2026-03-10", "anth", "m", "s", 1L, "0.5")));
            }
            while (w.lastError() == null) {
                Thread.sleep(50); // the writer gives up waiting after the busy timeout and retries
            }
            assertEquals(10, w.pending());
            s.execute("COMMIT");
        }
        assertTrue(w.flush(Duration.ofSeconds(60)));
        w.close();

        assertNull(w.lastError());
        assertEquals(0, w.lost());
        assertEquals(10, new UsageQueries(db).rows(0).size());
    }
}
