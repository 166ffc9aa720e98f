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

    /** The npm packages of the clients, as npx, a global install or a node command line names them. */
    private static final Map<String, String> PACKAGES = Map.of("claude", "@anthropic-ai/claude-code",
            "codex", "@openai/codex");
    private static final java.util.Set<String> RUNNERS = java.util.Set.of("npx", "pnpx", "bunx", "node", "bun",
            "npm", "pnpm", "yarn");

    /**
     * Where in {@code argv} the client {@code client} ("claude" or "codex") is named, so its own
     * options go right after it; -1 when the command is not that client. Recognised: the executable
     * by name ({@code claude}, {@code /opt/bin/claude}, {@code claude.exe}, {@code claude.cmd}), an
     * executable on {@code path} whose real file lies in the client's npm package (a link named
     * {@code cc}), and the package run by a runner ({@code npx @anthropic-ai/claude-code@latest},
     * {@code node …/@anthropic-ai/claude-code/cli.js}, {@code npm exec @openai/codex --}).
     */
    static int clientAt(List<String> argv, String client, String path) {
        if (argv.isEmpty()) {
            return -1;
        }
        String first = baseName(argv.getFirst());
        if (first.equals(client) || inPackage(resolve(argv.getFirst(), path), client)) {
            return 0;
        }
        if (!RUNNERS.contains(first)) {
            return -1;
        }
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                continue;
            }
            if (a.startsWith("-") || a.equals("exec") || a.equals("dlx") || a.equals("x")) {
                continue; // the runner's own options and sub-commands
            }
            String pkg = PACKAGES.get(client);
            String bare = a.startsWith("@") && a.indexOf('@', 1) > 0 ? a.substring(0, a.indexOf('@', 1)) : a;
            boolean named = bare.equals(pkg) || inPackage(a, client);
            if (!named) {
                return -1;
            }
            // npm exec PKG -- ARGS: the client's options go after the "--"
            return i + 1 < argv.size() && argv.get(i + 1).equals("--") ? i + 1 : i;
        }
        return -1;
    }

    private static String baseName(String command) {
        Path name;
        try {
            name = Path.of(command).getFileName();
        } catch (java.nio.file.InvalidPathException e) {
            return "";
        }
        String n = name == null ? "" : name.toString().toLowerCase(java.util.Locale.ROOT);
        for (String ext : List.of(".exe", ".cmd", ".bat", ".ps1")) {
            if (n.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    private static boolean inPackage(String file, String client) {
        return file != null && file.replace('\\', '/').contains("/" + PACKAGES.get(client) + "/");
    }

    /** The real file {@code command} runs (through links), looked up on {@code path} when it has no slash. */
    private static String resolve(String command, String path) {
        try {
            Path p = Path.of(command);
            if (p.getNameCount() == 1 && !command.contains("/") && path != null) {
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                        return Path.of(dir, command).toRealPath().toString();
                    }
                }
                return null;
            }
            return Files.exists(p) ? p.toRealPath().toString() : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    @Override
    public Integer call() {
        var sb = ctx.signalbox();
        Profile p = sb.profiles().get(name);
        SwitchMode m = Cli.option(() -> SwitchMode.parse(mode));
        List<String> argv = new ArrayList<>(command);
        Map<String, String> vars;
        Path settings = null;
        String path = ctx.env().get("PATH").orElse(null);
        int codex = clientAt(argv, "codex", path);
        int claude = codex >= 0 ? -1 : clientAt(argv, "claude", path);
        if (codex >= 0) {
            argv.addAll(codex + 1, SessionVars.codexArgs(sb, p, m));
            vars = SessionVars.codexVars(sb, p, m);
        } else {
            vars = SessionVars.of(sb, p, m, true);
            if (claude >= 0) {
                settings = settingsFile(SessionVars.claudeSettings(vars));
                argv.addAll(claude + 1, List.of("--settings", settings.toString()));
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
