package io.signalbox.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.client.ClientCompatibility;
import io.signalbox.client.ClientStatus;
import io.signalbox.client.Conflicts;
import io.signalbox.client.Switcher;
import io.signalbox.common.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signalbox status [--json]}: active profile, mode, port, where each client points, conflicts. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the active profile, mode, port, where each client's file points, and overriding variables.")
final class StatusCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    StatusCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String activeProfile, String mode, int port, List<ClientStatus> clients,
            List<Conflicts.Conflict> conflicts, Long lostUsageRows30d) {
    }

    /** Requests relayed but not recorded in the last 30 days (null when there is no usage log yet). */
    private static Long lostRows(io.signalbox.Signalbox sb) {
        if (sb.env().get("SIGNALBOX_DB_URL").isEmpty() && !java.nio.file.Files.exists(sb.home().resolve("usage.db"))) {
            return null;
        }
        try {
            String since = java.time.LocalDate.now(sb.clock().withZone(java.time.ZoneId.systemDefault()))
                    .minusDays(30).toString();
            return new io.signalbox.usage.UsageQueries(io.signalbox.usage.UsageEngine.defaultDb(sb)).lost(since);
        } catch (java.sql.SQLException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        var settings = sb.settings().load();
        Switcher sw = new Switcher(sb);
        Status s = new Status(settings.activeProfile(), settings.modeOrDefault(), settings.portOrDefault(),
                ClientStatus.all(sw, settings.portOrDefault(), settings.activeProfile(), sb.profiles().list()),
                Conflicts.scan(ctx.env()), lostRows(sb));
        if (json) {
            ctx.out().println(Json.MAPPER.writeValueAsString(s));
            return Cli.OK;
        }
        ctx.out().println("active profile: " + (s.activeProfile() == null ? "(none)" : s.activeProfile()));
        ctx.out().println("mode: " + s.mode() + ", proxy port: " + s.port());
        s.clients().forEach(c -> ctx.out().println(c.describe()));
        s.clients().stream().filter(c -> c.problem() != null).forEach(c -> ctx.warn(c.client() + " cannot use"
                + (c.profile() == null ? " the proxy root" : " '" + c.profile() + "'") + ": " + c.problem() + "; fix: "
                + (c.profile() == null ? "run signalbox use NAME" : ClientCompatibility.fix(c.client(),
                        sb.profiles().list()))));
        if (s.conflicts().isEmpty()) {
            ctx.out().println("no overriding ANTHROPIC_* / OPENAI_* variables found");
        }
        s.conflicts().forEach(c -> ctx.warn(c.describe()));
        if (s.lostUsageRows30d() != null && s.lostUsageRows30d() > 0) {
            ctx.warn(s.lostUsageRows30d() + " requests in the last 30 days were relayed but could not be recorded in"
                    + " the usage log (its queue overflowed while the database was unavailable); usage totals are low"
                    + " by that many requests");
        }
        return Cli.OK;
    }
}
