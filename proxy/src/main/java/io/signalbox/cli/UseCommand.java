package io.signalbox.cli;

import io.signalbox.client.Conflicts;
import io.signalbox.client.SwitchMode;
import io.signalbox.client.Switcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signalbox use NAME [--mode proxy|direct] [--clients claude,codex]}. */
@Command(name = "use", mixinStandardHelpOptions = true,
        description = {"Make NAME the active profile and point Claude Code and Codex at it.",
            "A client that cannot use NAME (Claude Code needs an anthropic profile, Codex an openai-responses one)"
                + " stays on the profile it had. Naming such a client in --clients fails and changes nothing;"
                + " --clients none only changes the active profile."})
final class UseCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
    String name;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "proxy (default: clients talk to the local proxy) or direct (straight to the provider).")
    String mode;

    @Option(names = "--clients", paramLabel = "LIST", split = ",", description = "claude, codex or none (default: both).")
    List<String> clients = new ArrayList<>();

    UseCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        SwitchMode m = Cli.option(() -> SwitchMode.parse(mode));
        var outcomes = new Switcher(sb).use(name, m, Switcher.parseClients(clients), !clients.isEmpty());
        for (var o : outcomes) {
            if (o.written() && !o.profile().equals(name)) {
                ctx.out().println(o.client() + ": " + o.file() + " stays on '" + o.profile() + "' (its own route)");
                ctx.warn(o.client() + ": " + o.note());
            } else if (o.written()) {
                ctx.out().println(o.client() + ": " + o.file() + " now points at '" + name + "' (" + m.id() + ")");
                if (!o.note().isEmpty()) {
                    ctx.warn(o.note());
                }
            } else {
                ctx.warn(o.client() + ": " + o.note());
            }
        }
        int port = sb.settings().port();
        ctx.out().println("active profile: " + name + " (mode " + m.id() + ", port " + port + ")");
        if (m == SwitchMode.PROXY && outcomes.stream().anyMatch(o -> o.written())
                && !LocalProxyProbe.isRunning(port)) {
            String written = outcomes.stream().filter(o -> o.written())
                    .map(o -> io.signalbox.client.ClientCompatibility.clientName(o.client())).distinct()
                    .collect(java.util.stream.Collectors.joining(" and "));
            ctx.warn("the local proxy is not running on port " + port + ": " + written + " cannot connect"
                    + " until it is; start it with: signalbox serve (or start the desktop app)");
        }
        if (sb.profiles().get(name).needsKey() && !sb.secrets().has(name)) {
            ctx.warn("no key is stored for profile '" + name + "', so the proxy answers every request for it"
                    + " with 401 (Claude Code retries that for about a minute and shows nothing); fix: signalbox"
                    + " profile edit " + name + " --key-stdin");
        }
        Conflicts.scan(ctx.env()).forEach(c -> ctx.warn(c.describe()));
        io.signalbox.client.Conflicts.projectOverrides(ctx.env(), ctx.env().workingDir())
                .forEach(o -> ctx.warn(o.describe()));
        return Cli.OK;
    }
}
