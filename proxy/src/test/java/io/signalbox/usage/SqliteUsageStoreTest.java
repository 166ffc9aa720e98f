package io.signalbox.usage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite (the default: SIGNALBOX_HOME/usage.db). */
class SqliteUsageStoreTest extends UsageStoreContract {
    @TempDir
    Path dir;

    @Override
    UsageDb db() {
        return UsageDb.sqlite(dir.resolve("usage.db"));
    }
}
