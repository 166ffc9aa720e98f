package io.signalbox.cli;

import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.config.SettingsStore;
import io.signalbox.server.PortInUseException;
import io.signalbox.server.ProxyConfig;
import io.signalbox.server.ProxyServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signalbox serve}: runs the local proxy in the foreground until SIGTERM / Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the local proxy on 127.0.0.1 (headless) until stopped.",
            "Logs one line per request on stderr (no prompts, no keys)."})
final class ServeCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--port", paramLabel = "N",
            description = "Port to listen on (default: SIGNALBOX_PORT, settings.json port, or 4891).")
    String port;

    ServeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        Integer listen = port == null ? null : Cli.option(() -> SettingsStore.parsePort(port, "--port"));
        Logging.configure(true);
        Signalbox sb = ctx.signalbox();
        ProxyConfig config = ProxyConfig.from(sb);
        if (listen != null) {
            config = config.withPort(listen);
        }
        ProxyServer proxy;
        try {
            proxy = ProxyServer.start(sb, config);
        } catch (PortInUseException e) {
            throw new SignalboxException(e.getMessage(), "stop the other process, or choose another port with --port N,"
                    + " SIGNALBOX_PORT=N or \"port\": N in " + sb.home().resolve("settings.json"), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            proxy.close();
            Logging.flush();
            stopped.countDown();
        }, "signalbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String active = proxy.activeProfile();
        ctx.out().println("Signalbox proxy listening on http://127.0.0.1:" + proxy.port()
                + " (active profile: " + (active == null ? "none — choose one with: signalbox use NAME" : active) + ")");
        int configured = sb.settings().port();
        if (proxy.port() != configured) {
            sb.warn().accept("this proxy listens on port " + proxy.port() + ", but `signalbox use` points Claude Code and"
                    + " Codex at port " + configured + " (SIGNALBOX_PORT, settings.json or the default); to make "
                    + proxy.port() + " the port for both, set \"port\": " + proxy.port() + " in "
                    + sb.home().resolve("settings.json") + " and run `signalbox use NAME` again");
        }
        if (!config.egress().isNone()) {
            ctx.out().println("Upstreams through the HTTP proxy " + config.egress().describe());
        }
        ctx.out().println(config.recordUsage()
                ? "Recording usage in " + proxy.usage().db().describe() + " (see: signalbox usage)"
                : "Usage recording is off (SIGNALBOX_USAGE=off): requests are not recorded, budgets not enforced");
        ctx.out().flush();
        // a listener that dies by itself (accept() failing with "too many open files") must not leave a
        // process that looks alive and refuses every connection: say why and exit 1, so a supervisor restarts it
        java.util.concurrent.atomic.AtomicReference<SignalboxException> failed = new java.util.concurrent.atomic.AtomicReference<>();
        proxy.listenerFailure().thenAccept(e -> {
            failed.set(e);
            stopped.countDown();
        });
        stopped.await();
        SignalboxException e = failed.get();
        if (e != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            proxy.close();
            Logging.flush();
            throw e;
        }
        return Cli.OK;
    }
}
