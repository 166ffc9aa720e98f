package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.TestHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command's usage help renders cleanly: picocli reports no description it could not format. */
class CliHelpTest {
    @TempDir
    Path tmp;

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() throws Exception {
        CliContext ctx = new CliContext(new TestHome(tmp).env(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), new ByteArrayInputStream(new byte[0]));
        List<CommandLine> all = new ArrayList<>();
        collect(Cli.commandLine(ctx), all);
        assertTrue(all.size() > 10, "the tree has its subcommands: " + all.size());

        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder help = new StringBuilder();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine c : all) {
                help.append(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "picocli warned while rendering help");
        assertTrue(help.toString().contains("5 % fee"), help.toString());
        assertTrue(help.toString().contains("At 80 % a warning"), help.toString());
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, into));
    }
}
