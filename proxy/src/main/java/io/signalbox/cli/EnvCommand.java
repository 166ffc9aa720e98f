package io.signalbox.cli;

import io.signalbox.client.ClientCompatibility;
import io.signalbox.client.SessionVars;
import io.signalbox.client.SwitchMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signalbox env NAME}: export lines for one shell session, e.g. {@code eval "$(signalbox env deepseek)"}. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print shell export lines that point Claude Code at NAME for this shell only.",
            "Use: eval \"$(signalbox env NAME)\". In proxy mode only the local proxy token is printed.",
            "Claude Code applies the env block of its settings.json over these variables (a warning says when that"
                + " block is in the way); signalbox run NAME -- claude is not affected by it.",
            "Codex reads no provider variables: for one Codex session use signalbox run NAME -- codex."})
final class EnvCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
    String name;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "proxy (default) or direct (prints the provider's real key).")
    String mode;

    EnvCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        var vars = SessionVars.of(sb, sb.profiles().get(name), Cli.option(() -> SwitchMode.parse(mode)));
        ctx.out().print(SessionVars.exportLines(vars));
        ctx.out().println("# Codex ignores these variables (it reads its provider from config.toml); for one Codex"
                + " session with an openai-responses profile: signalbox run "
                + ClientCompatibility.usable("codex", sb.profiles().list()) + " -- codex");
        ctx.out().flush();
        SessionVars.claudeFileWins(sb, name, vars).ifPresent(ctx::warn);
        io.signalbox.client.Conflicts.projectOverrides(ctx.env(), ctx.env().workingDir())
                .forEach(o -> ctx.warn(o.describe()));
        return Cli.OK;
    }
}
