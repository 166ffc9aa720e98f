package io.signalbox.cli;

import io.signalbox.client.SessionVars;
import io.signalbox.client.SwitchMode;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * and the credential as a variable; for any other command as Claude Code's variables. Claude Code applies
 * the env block of its settings.json over those variables, so {@code claude} also gets them as
 * {@code --settings FILE} (right after the executable), which wins over settings.json: a private temporary
 * file (the credential stays off the command line), deleted when the command ends.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run COMMAND (e.g. claude or codex) with NAME's settings, leaving every file alone.",
            "claude gets them as --settings too, over the env block of its settings.json.",
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
        return is(command, "codex");
    }

    static boolean isClaude(String command) {
        return is(command, "claude");
    }

    private static boolean is(String command, String client) {
        Path name = Path.of(command).getFileName();
        return name != null && name.toString().equals(client);
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        Profile p = sb.profiles().get(name);
        SwitchMode m = Cli.option(() -> SwitchMode.parse(mode));
        List<String> argv = new ArrayList<>(command);
        Map<String, String> vars;
        Path settings = null;
        if (isCodex(command.getFirst())) {
            argv.addAll(1, SessionVars.codexArgs(sb, p, m));
            vars = SessionVars.codexVars(sb, p, m);
        } else {
            vars = SessionVars.of(sb, p, m, true);
            if (isClaude(command.getFirst())) {
                settings = settingsFile(SessionVars.claudeSettings(vars));
                argv.addAll(1, List.of("--settings", settings.toString()));
            }
        }
        try {
            return start(argv, vars);
        } finally {
            if (settings != null) {
                try {
                    Files.deleteIfExists(settings);
                } catch (IOException e) {
                    ctx.warn("could not delete " + settings + " (" + e.getMessage() + "); delete it by hand");
                }
            }
        }
    }

    /** A temporary file only the user can read, holding {@code json}. */
    private static Path settingsFile(String json) {
        try {
            Path f = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile("signalbox-run-", ".json",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile("signalbox-run-", ".json");
            f.toFile().deleteOnExit();
            Files.writeString(f, json, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new SignalboxException("cannot write Claude Code's settings for this run: " + e.getMessage(),
                    "check that the temporary directory (" + System.getProperty("java.io.tmpdir") + ") is writable");
        }
    }

    private int start(List<String> argv, Map<String, String> vars) {
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
