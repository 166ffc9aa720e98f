package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import io.signalbox.usage.UsageDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signalbox status} says when usage rows were lost, never silently. */
class StatusLostRowsTest {
    @TempDir
    Path tmp;

    @Test
    void oneLostRequestIsCountedInTheSingular() throws Exception {
        TestHome home = new TestHome(tmp);
        UsageDb db = UsageDb.sqlite(home.signalboxHome.resolve("usage.db"));
        db.migrate();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO usage_gap (day, lost) VALUES (?, ?)")) {
            ps.setString(1, LocalDate.now().toString());
            ps.setLong(2, 1);
            ps.executeUpdate();
        }
        CliRun.Result r = CliRun.run(home, "status");
        assertTrue(r.err().contains("1 request in the last 30 days was relayed but could not be recorded"), r.err());
    }

    @Test
    void statusWarnsAboutRequestsThatCouldNotBeRecorded() throws Exception {
        TestHome home = new TestHome(tmp);
        CliRun.Result before = CliRun.run(home, "status");
        assertEquals(0, before.code(), before.all());
        assertFalse(before.err().contains("could not be recorded"));
        assertFalse(Files.exists(home.signalboxHome.resolve("usage.db")), "status creates no usage log");

        UsageDb db = UsageDb.sqlite(home.signalboxHome.resolve("usage.db"));
        db.migrate();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO usage_gap (day, lost) VALUES (?, ?)")) {
            ps.setString(1, LocalDate.now().toString());
            ps.setLong(2, 7);
            ps.executeUpdate();
        }
        CliRun.Result after = CliRun.run(home, "status");
        assertTrue(after.err().contains("7 requests in the last 30 days were relayed but could not be recorded"),
                after.err());
        CliRun.Result json = CliRun.run(home, "status", "--json");
        assertEquals(7, Json.MAPPER.readTree(json.out()).path("lostUsageRows30d").asLong());
    }
}
