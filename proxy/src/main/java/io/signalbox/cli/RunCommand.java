package io.signalbox.cli;

import io.signalbox.client.SessionVars;
import io.signalbox.client.SwitchMode;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.Profile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signalbox run NAME -- COMMAND...}: runs one command with the profile's settings; exits with its
 * code. For {@code codex} (which takes no provider variables) the settings go in as {@code -c} overrides
 * and the credential as a variable; for any other command as Claude Code's variables.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run COMMAND (e.g. claude or codex) with NAME's settings, leaving every file alone.",
            "Exits with its exit code. Claude Code needs an anthropic profile, Codex an openai-responses one."})
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

    static boolean isCodex(String command) {
        Path name = Path.of(command).getFileName();
        return name != null && name.toString().equals("codex");
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        Profile p = sb.profiles().get(name);
        SwitchMode m = Cli.option(() -> SwitchMode.parse(mode));
        List<String> argv = new ArrayList<>(command);
        Map<String, String> vars;
        if (isCodex(command.getFirst())) {
            argv.addAll(1, SessionVars.codexArgs(sb, p, m));
            vars = SessionVars.codexVars(sb, p, m);
        } else {
            vars = SessionVars.of(sb, p, m);
        }
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
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
            Process proc = pb.start();
            try {
                return proc.waitFor();
            } catch (InterruptedException e) {
                proc.destroy();
                Thread.currentThread().interrupt();
                return Cli.FAILURE;
            }
        } catch (IOException e) {
            throw new SignalboxException("cannot start '" + command.getFirst() + "': " + e.getMessage(),
                    "check that the command is installed and on PATH");
        }
    }
}
