package io.signalbox.cli;

import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Builds the picocli command tree and maps failures to exit codes and plain messages. */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private Cli() {
    }

    public static CommandLine commandLine(CliContext ctx) {
        IFactory factory = new IFactory() {
            private final IFactory fallback = CommandLine.defaultFactory();

            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    return cls.getDeclaredConstructor(CliContext.class).newInstance(ctx);
                } catch (NoSuchMethodException e) {
                    return fallback.create(cls);
                }
            }
        };
        CommandLine cl = new CommandLine(new SignalboxCommand(ctx), factory);
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof SignalboxException se) {
                ctx.err().println("signalbox: error: " + se.getMessage());
                if (!se.fix().isEmpty()) {
                    ctx.err().println("  fix: " + se.fix());
                }
            } else {
                ctx.err().println("signalbox: internal error: " + ex.getClass().getName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
                ctx.err().println("  fix: this is a bug in Signalbox " + Signalbox.version()
                        + "; please report it with the command you ran");
            }
            ctx.err().flush();
            return FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            ctx.err().println("signalbox: usage error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, ctx.err());
            ctx.err().println("  fix: see '" + c.getCommandSpec().qualifiedName() + " --help'");
            ctx.err().flush();
            return USAGE;
        });
        return cl;
    }

    public static int execute(CliContext ctx, String... args) {
        return commandLine(ctx).execute(args);
    }

    /** "1 request", "2 requests". */
    public static String requests(long n) {
        return n + (n == 1 ? " request" : " requests");
    }

    /** Throws a usage error (exit 2) from inside a command. */
    public static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
