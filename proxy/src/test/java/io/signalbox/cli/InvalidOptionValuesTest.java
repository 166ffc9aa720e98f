package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An option value the command cannot use is a usage error: exit 2, what is wrong, and the fix. */
class InvalidOptionValuesTest {
    @TempDir
    Path tmp;

    private static void usageError(CliRun.Result r, String what, String fix) {
        assertEquals(2, r.code(), r::all);
        assertTrue(r.err().contains("signalbox: usage error: " + what), r.err());
        assertTrue(r.err().contains("  fix: " + fix), r.err());
    }

    @Test
    void invalidOptionValuesExitTwoWithTheirMessageAndFix() throws Exception {
        TestHome home = new TestHome(tmp);
        assertEquals(0, CliRun.withStdin(home, "sk-x", "profile", "add", "ds", "--preset", "deepseek", "--key-stdin")
                .code());

        usageError(CliRun.run(home, "use", "ds", "--mode", "foo"), "", "use --mode proxy or --mode direct");
        usageError(CliRun.run(home, "usage", "--by", "week"), "--by 'week' is not a grouping", "use --by day|");
        usageError(CliRun.run(home, "usage", "--since", "1w"), "--since '1w' is not a period", "use e.g. --since 24h");
        usageError(CliRun.run(home, "serve", "--port", "99999"), "--port='99999' is not a TCP port",
                "use a number from 1 to 65535");
        usageError(CliRun.run(home, "profile", "edit", "ds", "--thinking", "maybe"), "unknown thinking mode 'maybe'",
                "");
        usageError(CliRun.run(home, "profile", "edit", "ds", "--cost-multiplier", "-1"), "--cost-multiplier '-1'",
                "write e.g. --cost-multiplier 1.05");
        assertTrue(Files.notExists(home.signalboxHome.resolve("usage.db")), "refused before opening the usage log");
    }

    @Test
    void failuresThatAreNotAboutAnOptionValueStillExitOne() throws Exception {
        CliRun.Result r = CliRun.run(new TestHome(tmp), "use", "nope");
        assertEquals(1, r.code(), r::all);
        assertTrue(r.err().contains("signalbox: error: "), r.err());
    }
}
