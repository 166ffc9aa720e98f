package io.signalbox.cli;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.common.Printable;
import io.signalbox.common.SignalboxException;
import io.signalbox.preflight.Preflight;
import io.signalbox.preflight.PreflightOptions;
import io.signalbox.preflight.PreflightReport;
import io.signalbox.preflight.PreflightResults;
import io.signalbox.preflight.Resolver;
import io.signalbox.preflight.StepResult;
import io.signalbox.preflight.ViaProxy;
import io.signalbox.profile.Profile;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code signalbox test NAME}: the one-click preflight from the command line. Exit 0 when ok, 1 when a problem was found. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Preflight a profile: DNS, TCP, TLS, the key (models list), a 1-token request with the mapped"
                + " model, the same streamed; optionally a tool call and the local proxy.",
            "Exit 0 when it works, 1 when a problem was found (with its fix). The result is kept for 'profile list'."})
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "NAME", description = "Profile to test.")
    String name;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--tools", description = "Also check that the model calls a trivial tool.")
    boolean tools;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Limit for each network step (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--via-proxy", paramLabel = "URL",
            description = "Also send the request through the local proxy at URL (e.g. http://127.0.0.1:8787).")
    String viaProxy;

    @Option(names = "--no-proxy",
            description = "Skip the local-proxy step even in proxy mode.")
    boolean noProxy;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Provider model to use (default: the profile's sonnet or default mapping).")
    String model;

    TestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw Cli.usage(spec, "--timeout must be more than 0 and at most 3600 seconds");
        }
        Signalbox sb = ctx.signalbox();
        io.signalbox.forward.EgressProxy egress = io.signalbox.forward.EgressProxy.from(sb.env());
        Profile p = sb.profiles().get(name);
        String key = sb.secrets().get(p.name()).orElse(null);
        Duration timeout = Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
        PrintWriter out = ctx.out();
        URI proxy = viaProxy != null ? proxyUrl(viaProxy) : noProxy ? null : runningLocalProxy(sb, json ? null : out);
        PreflightOptions options = PreflightOptions.defaults().withTimeout(timeout).withTools(tools).withModel(model)
                .withViaProxy(proxy == null ? null : new ViaProxy(proxy, sb.localToken()));
        if (!json) {
            out.println("testing " + p.name() + " (" + p.format().id() + ", " + p.baseUrl() + ")");
            out.flush();
        }
        PreflightReport report;
        try (HttpClient client = Preflight.client(sb.env(), egress, timeout)) {
            report = new Preflight(client, sb.clock(), Resolver.SYSTEM, egress)
                    .run(p, key, options, json ? null : step -> printStep(out, step));
        }
        try {
            new PreflightResults(sb.home()).save(report);
        } catch (SignalboxException e) {
            // the test itself ran: its verdict stands; only `profile list` will not show it
            ctx.warn("this result could not be kept for signalbox profile list: " + e.getMessage() + "; fix: "
                    + e.fix());
        }
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(report));
        } else {
            printSummary(out, report);
        }
        out.flush();
        return report.ok() ? Cli.OK : Cli.FAILURE;
    }

    /**
     * In proxy mode (the default), the local proxy on the configured port if it is running, so the
     * preflight also checks the path the clients really take; otherwise a note and no proxy step.
     */
    private static URI runningLocalProxy(Signalbox sb, PrintWriter note) {
        var settings = sb.settings().load();
        if (!"proxy".equals(settings.modeOrDefault())) {
            return null;
        }
        URI base = LocalProxyProbe.baseUrl(settings.portOrDefault());
        if (LocalProxyProbe.isRunning(settings.portOrDefault())) {
            return base;
        }
        if (note != null) {
            note.println("note: the local proxy is not running on port " + settings.portOrDefault()
                    + ", so its step is skipped (start it with: signalbox serve)");
        }
        return null;
    }

    private static URI proxyUrl(String s) {
        try {
            URI u = URI.create(s.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new SignalboxException("--via-proxy '" + s + "' is not an http URL",
                "write it as --via-proxy http://127.0.0.1:PORT");
    }

    static void printStep(PrintWriter out, StepResult r) {
        String mark = switch (r.status()) {
            case PASSED -> "✓";
            case FAILED -> "✗";
            case SKIPPED -> "-";
        };
        // a step's detail and the diagnosis can quote the provider (its model name, its error): printed escaped
        out.printf("  %s %-8s %6d ms  %s%n", mark, r.step().id(), r.millis(), r.detail() == null ? "" : Printable.of(r.detail()));
        if (r.diagnosis() != null && r.diagnosis().fix() != null) {
            out.println("      fix: " + r.diagnosis().fix());
        }
        out.flush();
    }

    static void printSummary(PrintWriter out, PreflightReport r) {
        if (r.ok()) {
            out.println(Printable.of("ok: " + r.profile() + " works (model " + r.model() + ", " + r.millis() + " ms)"));
            return;
        }
        out.println("problem: " + r.diagnosis().code() + " — " + Printable.of(r.diagnosis().message()));
        if (r.diagnosis().fix() != null) {
            out.println("  fix: " + r.diagnosis().fix());
        }
    }
}
