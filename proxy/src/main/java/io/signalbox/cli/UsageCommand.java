package io.signalbox.cli;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.usage.Csv;
import io.signalbox.usage.UsageDb;
import io.signalbox.usage.UsageEngine;
import io.signalbox.usage.UsageQueries;
import io.signalbox.usage.UsageReports;
import io.signalbox.usage.UsageSummary;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signalbox usage}: tokens and cost recorded by the proxy, totalled by day, profile, model or session. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = {"Show tokens and cost of the requests the proxy relayed.",
            "Costs are USD from the bundled price table or the profile's --price overrides;"
                    + " a request whose model has no price counts as 'unknown cost', never as 0."})
final class UsageCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--since", paramLabel = "PERIOD", defaultValue = "30d",
            description = "24h, 7d, 30d (default) or a date like 2026-03-01.")
    String since;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "day",
            description = "Group by day (default), profile, model, session or client.")
    String by;

    @Option(names = "--json", description = "JSON (documented in docs/usage-json.md).")
    boolean json;

    @Option(names = "--csv", description = "CSV (RFC 4180: header row, CRLF line ends).")
    boolean csv;

    UsageCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Signalbox sb = ctx.signalbox();
        ZoneId zone = ZoneId.systemDefault();
        Cli.option(() -> UsageReports.grouping(by));
        Cli.option(() -> UsageReports.since(since, sb.clock(), zone));
        UsageDb db = UsageEngine.defaultDb(sb);
        db.migrate();
        UsageReports reports = new UsageReports(new UsageQueries(db), sb.clock(), zone);
        UsageReports.Since from = reports.since(since);
        UsageSummary s = reports.summary(from, by, name -> sb.profiles().find(name).orElse(null));
        if (json) {
            ctx.out().println(Json.MAPPER.writeValueAsString(s));
        } else if (csv) {
            ctx.out().print(Csv.of(s));
        } else {
            printText(s, db);
        }
        ctx.out().flush();
        return Cli.OK;
    }

    private void printText(UsageSummary s, UsageDb db) {
        if (s.total().requests() == 0) {
            ctx.out().println("no requests recorded since " + s.since() + " (in " + db.describe() + ")");
        } else {
            Table t = new Table(s.by().toUpperCase(java.util.Locale.ROOT), "REQUESTS", "INPUT", "OUTPUT",
                    "CACHE READ", "CACHE WRITE", "COST USD");
            for (UsageSummary.Group g : s.groups()) {
                row(t, g);
            }
            row(t, s.total());
            t.print(ctx.out());
        }
        if (s.lost() > 0) {
            ctx.out().println("warning: " + Cli.requests(s.lost()) + (s.lost() == 1 ? " was" : " were")
                    + " relayed but could not be recorded"
                    + " (the usage queue overflowed while the database was unavailable); totals are low by that much");
        }
        for (UsageSummary.Unpriced u : s.unpriced()) {
            // the model name is the provider's or the client's: printed escaped
            ctx.out().println(io.signalbox.common.Printable.of("note: " + Cli.requests(u.requests()) + " to '" + u.model()
                    + "' (profile '" + u.profile() + "') " + (u.requests() == 1 ? "has no price, so its cost is"
                    : "have no price, so their cost is") + " unknown; add one with: " + u.fix()));
        }
    }

    private static void row(Table t, UsageSummary.Group g) {
        String cost = g.costUsd() + (g.unknownCostRequests() > 0
                ? " + unknown (" + g.unknownCostRequests() + ")" : "");
        t.row(g.key(), Long.toString(g.requests()), Long.toString(g.inputTokens()), Long.toString(g.outputTokens()),
                Long.toString(g.cacheReadTokens()), Long.toString(g.cacheWriteTokens()), cost);
    }
}
