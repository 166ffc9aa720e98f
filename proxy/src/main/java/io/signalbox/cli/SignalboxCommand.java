package io.signalbox.cli;

import io.signalbox.Signalbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code signalbox}: the headless command line. */
@Command(name = "signalbox",
        mixinStandardHelpOptions = true,
        versionProvider = SignalboxCommand.Version.class,
        description = {
            "Switch Claude Code and Codex between model providers; run the local proxy.",
            "State lives in $SIGNALBOX_HOME (default: your platform's config directory)."},
        subcommands = {
            ProfileCommand.class,
            PresetsCommand.class,
            UseCommand.class,
            RestoreCommand.class,
            EnvCommand.class,
            RunCommand.class,
            ImportCommand.class,
            StatusCommand.class,
            TestCommand.class,
            ServeCommand.class,
            UsageCommand.class,
            LogCommand.class,
        })
public final class SignalboxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final CliContext ctx;

    public SignalboxCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run() {
        spec.commandLine().usage(ctx.out());
    }

    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"signalbox " + Signalbox.version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "") + ")"};
        }
    }
}
