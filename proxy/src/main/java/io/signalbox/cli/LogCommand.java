package io.signalbox.cli;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.common.Printable;
import io.signalbox.common.SignalboxException;
import io.signalbox.usage.UsageDb;
import io.signalbox.usage.UsageEngine;
import io.signalbox.usage.UsageQueries;
import io.signalbox.usage.UsageReports;
import io.signalbox.usage.UsageRow;
import io.signalbox.usage.UsageTail;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code signalbox log}: the requests the proxy relayed, one line each, newest last; with
 * {@code --follow} it keeps printing them as they are recorded — the desktop app's live log for a
 * terminal, a server or a dev box.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Show the requests the proxy relayed, one line each (time, profile, client, status, latency,"
                + " time to first token, tokens, cost, model); --follow keeps printing new ones.",
            "Reads the usage store, so it sees the requests of every proxy that records into it"
                    + " (the desktop app, signalbox serve); never prompt or response text, never a key."})
final class LogCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT);
    private static final String FORMAT = "%-14s  %-14s  %-11s  %6s  %8s  %8s  %9s  %8s  %9s  %10s  %s";
    /** How often --follow reads the store. */
    static final long POLL_MILLIS = 500;

    private final CliContext ctx;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20",
            description = "How many of the newest requests to show first (default 20; 0 with --follow: only new ones).")
    int lines;

    @Option(names = "--since", paramLabel = "PERIOD",
            description = "Only requests since then: 24h, 7d, 30d or a date like 2026-03-01 (default: any time).")
    String since;

    @Option(names = "--profile", paramLabel = "NAME", description = "Only the requests of this profile.")
    String profile;

    @Option(names = {"-f", "--follow"}, description = "Keep printing requests as they are recorded, until Ctrl-C.")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per line (JSON Lines; fields in README.md, 'Log JSON').")
    boolean json;

    LogCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (lines < 0) {
            throw new Cli.InvalidOption(new SignalboxException("--lines must be 0 or more", "e.g. --lines 50"));
        }
        Signalbox sb = ctx.signalbox();
        ZoneId zone = ZoneId.systemDefault();
        if (since != null) {
            Cli.option(() -> UsageReports.since(since, sb.clock(), zone));
        }
        UsageDb db = UsageEngine.defaultDb(sb);
        db.migrate();
        UsageQueries queries = new UsageQueries(db);
        PrintWriter out = ctx.out();
        try {
            // The tail starts before the first listing, so nothing recorded in between is skipped.
            UsageTail tail = follow ? new UsageTail(queries, profile, sb.clock(), zone) : null;
            long from = 0;
            String fromDay = "0000-00-00";
            if (since != null) {
                UsageReports.Since s = new UsageReports(queries, sb.clock(), zone).since(since);
                from = s.millis();
                fromDay = LocalDate.ofInstant(Instant.ofEpochMilli(from), zone).minusDays(2).toString();
            }
            List<UsageRow> first = lines == 0 ? List.of() : queries.newest(fromDay, from, Long.MAX_VALUE, profile, lines);
            if (!json && (!first.isEmpty() || follow)) {
                out.println(header());
            }
            print(out, first, zone);
            if (first.isEmpty() && !follow && !json) {
                out.println("no requests recorded" + (since == null ? "" : " since " + since)
                        + (profile == null ? "" : " for profile '" + profile + "'") + " (in " + db.describe() + ")");
            }
            out.flush();
            if (tail == null) {
                return Cli.OK;
            }
            ctx.err().println("following " + db.describe() + " (Ctrl-C to stop)");
            ctx.err().flush();
            while (!out.checkError()) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                print(out, tail.poll(), zone);
                out.flush();
            }
            return Cli.OK;
        } catch (SQLException e) {
            throw new SignalboxException("cannot read the usage store " + db.describe() + ": " + e.getMessage(),
                    db.dialect() == UsageDb.Dialect.SQLITE ? "check that the file is readable"
                            : "check SIGNALBOX_DB_URL and that the database accepts the user");
        }
    }

    private void print(PrintWriter out, List<UsageRow> rows, ZoneId zone) {
        for (UsageRow r : rows) {
            out.println(json ? json(r) : line(r, zone));
        }
    }

    static String header() {
        return String.format(Locale.ROOT, FORMAT, "TIME", "PROFILE", "CLIENT", "STATUS", "LATENCY", "TTFT", "INPUT",
                "OUTPUT", "CACHE READ", "COST USD", "MODEL");
    }

    /** One request as a line of the table (model last: it is the one column of no fixed width). */
    static String line(UsageRow r, ZoneId zone) {
        String model = r.requestedModel() == null ? dash(r.model())
                : r.upstreamModel() == null || r.upstreamModel().equals(r.requestedModel()) ? r.requestedModel()
                : r.requestedModel() + " -> " + r.upstreamModel();
        String tail = r.errorClass() != null ? "  (" + r.errorClass() + ")"
                : r.streamed() && !r.complete() ? "  (stream incomplete)" : "";
        // Model names, the client and the error class come from clients and providers: escaped, they
        // cannot start a line of their own or reach the terminal as an escape sequence.
        return Printable.of(String.format(Locale.ROOT, FORMAT, TIME.format(Instant.ofEpochMilli(r.timeMillis()).atZone(zone)),
                dash(r.profile()), dash(r.client()), r.status(), seconds(r.latencyMs()), seconds(r.ttftMs()),
                count(r.inputTokens()), count(r.outputTokens()), count(r.cacheReadTokens()), cost(r), model) + tail);
    }

    private static String json(UsageRow r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("time", Instant.ofEpochMilli(r.timeMillis()).toString());
        o.put("id", r.uid());
        o.put("profile", r.profile());
        o.put("client", r.client());
        o.put("endpoint", r.endpoint());
        o.put("requestedModel", r.requestedModel());
        o.put("upstreamModel", r.upstreamModel());
        o.put("responseModel", r.responseModel());
        o.put("status", r.status());
        o.put("errorClass", r.errorClass());
        o.put("streamed", r.streamed());
        o.put("complete", r.complete());
        o.put("latencyMs", r.latencyMs());
        o.put("ttftMs", r.ttftMs());
        o.put("inputTokens", r.inputTokens());
        o.put("outputTokens", r.outputTokens());
        o.put("cacheReadTokens", r.cacheReadTokens());
        o.put("cacheWriteTokens", r.cacheWriteTokens());
        o.put("cacheWrite1hTokens", r.cacheWrite1hTokens());
        o.put("reasoningTokens", r.reasoningTokens());
        o.put("costUsd", r.costUsd() == null ? null : r.costUsd().toPlainString());
        o.put("sessionId", r.sessionId());
        o.put("failoverHops", r.failoverHops());
        return Json.COMPACT.writeValueAsString(o);
    }

    private static String cost(UsageRow r) {
        if (r.costUsd() != null) {
            return r.costUsd().toPlainString();
        }
        // no price for a model that reported tokens: unknown, never 0
        return r.inputTokens() != null || r.outputTokens() != null ? "?" : "-";
    }

    private static String seconds(Long ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    private static String count(Long n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
