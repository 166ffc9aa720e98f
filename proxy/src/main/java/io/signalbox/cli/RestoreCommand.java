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
        for (var o : new Switcher(ctx.signalbox()).restore(Switcher.parseClients(clients))) {
            ctx.out().println(o.client() + ": " + o.file() + ": " + o.note());
        }
        return Cli.OK;
    }
}
