package io.signalbox.cli;

import io.signalbox.client.Switcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signalbox restore [--clients claude,codex]}. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Remove Signalbox's entries from the client files and put back your own values.")
final class RestoreCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--clients", paramLabel = "LIST", split = ",", description = "claude, codex (default: both).")
    List<String> clients = new ArrayList<>();

    RestoreCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        for (var o : new Switcher(sb).restore(Switcher.parseClients(clients))) {
            ctx.out().println(o.client() + ": " + o.file() + ": " + o.note());
        }
        // the client files no longer hold a provider's key: neither do their backups (a direct-mode use
        // put it there); everything else in them stays
        try {
            int redacted = 0;
            for (var p : sb.profiles().list()) {
                redacted += sb.backups().redact(sb.secrets().get(p.name()).orElse(null));
            }
            if (redacted > 0) {
                ctx.out().println("removed provider keys from " + redacted + " backup" + (redacted == 1 ? "" : "s")
                        + " in " + sb.backups().dir());
            }
        } catch (io.signalbox.common.SignalboxException | java.io.IOException e) {
            ctx.warn("the backups in " + sb.backups().dir() + " may still hold a provider's key from a direct-mode use: "
                    + e.getMessage());
        }
        return Cli.OK;
    }
}
