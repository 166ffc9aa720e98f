package io.signalbox.cli;

import io.signalbox.client.Importer;
import io.signalbox.common.SignalboxException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signalbox import claude|codex [--name N]}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn Claude Code's or Codex's current provider setup into a profile (key to the secret store).")
final class ImportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "CLIENT", description = "claude or codex.")
    String client;

    @Option(names = "--name", paramLabel = "NAME", description = "Profile name (default: imported-CLIENT).")
    String name;

    ImportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        String n = name != null ? name : "imported-" + client;
        io.signalbox.profile.Profile.validateName(n);
        Importer.Imported imp = switch (client) {
            case "claude" -> new Importer(sb).claude(n);
            case "codex" -> new Importer(sb).codex(n);
            default -> throw new SignalboxException("unknown client '" + client + "'", "use: signalbox import claude|codex");
        };
        var p = imp.profile().validate();
        if (sb.profiles().find(n).isPresent()) {
            throw new SignalboxException("a profile named '" + n + "' already exists", "choose another with --name NAME");
        }
        imp.key().ifPresent(k -> sb.secrets().put(n, k));
        sb.profiles().add(p);
        ctx.out().println("imported " + client + " as profile '" + n + "' (" + p.format().id() + ", " + p.baseUrl() + ")"
                + (imp.key().isPresent() ? "; key stored in " + sb.secrets().describe() : "; no key found"));
        if (imp.key().isEmpty() && p.needsKey()) {
            ctx.err().println("  fix: store the key with: signalbox profile edit " + n + " --key-stdin");
        }
        return Cli.OK;
    }
}
