package io.signalbox.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.Signalbox;
import io.signalbox.client.ClientCompatibility;
import io.signalbox.client.ClientStatus;
import io.signalbox.client.Conflicts;
import io.signalbox.client.SwitchMode;
import io.signalbox.client.Switcher;
import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import java.util.List;
import java.util.Map;
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
    record Status(String activeProfile, String mode, int port, Boolean proxyRunning, List<ClientStatus> clients,
            List<Conflicts.Conflict> conflicts, List<Conflicts.ProjectOverride> projectOverrides,
            Long lostUsageRows30d, String upstreamProxy, java.util.Map<String, Long> coolingSeconds) {
    }

    /**
     * The port of a client file Signalbox manages whose base URL has the shape of a proxy route
     * ({@code http://127.0.0.1:P}, {@code /p/NAME}, Codex's {@code /v1}) but another port than
     * {@code port}: the client would miss the proxy (the port changed since {@code use} wrote it). -1 otherwise.
     */
    static int strayPort(ClientStatus c, int port) {
        if (!c.managed() || c.baseUrl() == null || "direct".equals(c.route())) {
            return -1;
        }
        try {
            int p = java.net.URI.create(c.baseUrl().strip()).getPort();
            return p > 0 && p != port && io.signalbox.client.ClientRoute.of(c.client(), c.baseUrl(), p).kind()
                    != io.signalbox.client.ClientRoute.Kind.ELSEWHERE ? p : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
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
        int port = settings.portOrDefault();
        List<ClientStatus> clients = ClientStatus.all(sw, port, settings.activeProfile(), sb.profiles().list());
        // only worth a probe when something is meant to go through the proxy
        boolean proxied = "proxy".equals(settings.modeOrDefault())
                || clients.stream().anyMatch(c -> c.route() != null && !"direct".equals(c.route()));
        String upstreamProxy = null;
        SignalboxException badProxy = null;
        try {
            io.signalbox.forward.EgressProxy egress = io.signalbox.forward.EgressProxy.from(sb.env());
            upstreamProxy = egress.isNone() ? null : egress.describe();
        } catch (SignalboxException e) {
            badProxy = e;
        }
        Boolean running = proxied ? LocalProxyProbe.isRunning(port) : null;
        Status s = new Status(settings.activeProfile(), settings.modeOrDefault(), port, running, clients,
                Conflicts.scan(ctx.env()), Conflicts.projectOverrides(ctx.env(), ctx.env().workingDir()), lostRows(sb),
                upstreamProxy, Boolean.TRUE.equals(running) ? LocalProxyProbe.cooling(port, sb.localToken()) : Map.of());
        if (json) {
            ctx.out().println(Json.MAPPER.writeValueAsString(s));
            return Cli.OK;
        }
        ctx.out().println("active profile: " + (s.activeProfile() == null ? "(none)" : s.activeProfile()));
        sb.profiles().find(s.activeProfile() == null ? "" : s.activeProfile()).filter(p -> !p.fallbacks().isEmpty())
                .ifPresent(p -> ctx.out().println("fallbacks: " + String.join(", ", p.fallbacks())
                        + " (through the proxy, when its provider cannot take a request)"));
        ctx.out().println("mode: " + s.mode() + ", proxy port: " + s.port());
        if (Boolean.TRUE.equals(s.proxyRunning())) {
            ctx.out().println("proxy: running on " + LocalProxyProbe.baseUrl(port));
            s.coolingSeconds().forEach((name, secs) -> ctx.out().println("cooling down: " + name + ", " + secs
                    + " s more (its provider could not take a request: its requests go to its fallbacks first)"));
        } else if (Boolean.FALSE.equals(s.proxyRunning())) {
            ctx.warn("the local proxy is not running on port " + port + ", so clients pointed at it get 'connection"
                    + " refused'; fix: start it with signalbox serve (or the desktop app)");
        }
        if (s.upstreamProxy() != null) {
            ctx.out().println("upstreams: through the HTTP proxy " + s.upstreamProxy());
        }
        if (badProxy != null) {
            ctx.warn(badProxy.getMessage() + "; fix: " + badProxy.fix());
        }
        s.clients().forEach(c -> ctx.out().println(c.describe()));
        s.clients().stream().filter(c -> c.client().equals("codex") && c.managed() && c.route() != null
                && !"direct".equals(c.route())).findFirst()
                .flatMap(c -> io.signalbox.client.ProxyBypass.unbypassedProxy("codex", sb.env()))
                .ifPresent(w -> ctx.warn("codex: " + w));
        for (ClientStatus c : s.clients()) {
            int stray = strayPort(c, port);
            if (stray > 0) {
                ctx.warn(c.client() + " points at port " + stray + " but the proxy port is " + port + ", so "
                        + c.client() + " misses the proxy; fix: signalbox use " + (s.activeProfile() == null ? "NAME"
                                : s.activeProfile()) + " (writes the current port into " + c.file() + ")");
            }
        }
        s.clients().stream().filter(c -> c.problem() != null).forEach(c -> ctx.warn(c.client() + " cannot use"
                + (c.profile() == null ? " the proxy root" : " '" + c.profile() + "'") + ": " + c.problem() + "; fix: "
                + (c.profile() == null ? "run signalbox use NAME" : fix(sb, c))));
        if (s.conflicts().isEmpty()) {
            ctx.out().println("no overriding ANTHROPIC_* / OPENAI_* variables found");
        }
        s.conflicts().forEach(c -> ctx.warn(c.describe()));
        s.projectOverrides().forEach(o -> ctx.warn(o.describe()));
        if (s.lostUsageRows30d() != null && s.lostUsageRows30d() > 0) {
            ctx.warn(Cli.requests(s.lostUsageRows30d()) + " in the last 30 days " + (s.lostUsageRows30d() == 1
                    ? "was" : "were") + " relayed but could not be recorded in the usage log (its queue overflowed"
                    + " while the database was unavailable); usage totals are low by that amount");
        }
        return Cli.OK;
    }

    /** The fix for a client that cannot use its profile: the proxy, when only direct mode stands in the way. */
    private static String fix(Signalbox sb, ClientStatus c) {
        return sb.profiles().find(c.profile())
                .flatMap(p -> ClientCompatibility.modeFix(c.client(), p,
                        "direct".equals(c.route()) ? SwitchMode.DIRECT : SwitchMode.PROXY))
                .orElseGet(() -> ClientCompatibility.fix(c.client(), sb.profiles().list()));
    }
}
