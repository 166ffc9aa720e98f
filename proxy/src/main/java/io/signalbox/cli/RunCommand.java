package io.signalbox.cli;

import io.signalbox.client.SessionVars;
import io.signalbox.client.SwitchMode;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signalbox run NAME -- COMMAND...}: runs one command with the profile's variables; exits with its code. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run COMMAND (e.g. claude) with NAME's variables, leaving every file alone. Exits with its exit code.")
final class RunCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
    String name;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", description = "proxy (default) or direct.")
    String mode;

    RunCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        Map<String, String> vars = SessionVars.of(sb, sb.profiles().get(name), SwitchMode.parse(mode));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(ctx.env().vars());
        vars.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        ctx.out().flush();
        ctx.err().flush();
        try {
            Process p = pb.start();
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                p.destroy();
                Thread.currentThread().interrupt();
                return Cli.FAILURE;
            }
        } catch (IOException e) {
            throw new SignalboxException("cannot start '" + command.getFirst() + "': " + e.getMessage(),
                    "check that the command is installed and on PATH");
        }
    }
}
