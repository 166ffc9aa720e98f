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
                boolean usage = se instanceof InvalidOption;
                ctx.err().println("signalbox: " + (usage ? "usage error: " : "error: ") + se.getMessage());
                if (!se.fix().isEmpty()) {
                    ctx.err().println("  fix: " + se.fix());
                }
                if (usage) {
                    ctx.err().flush();
                    return USAGE;
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

    /** An option's value the command cannot use: a usage error (exit 2), with the message and fix it came with. */
    static final class InvalidOption extends SignalboxException {
        InvalidOption(SignalboxException e) {
            super(e.getMessage(), e.fix(), e);
        }
    }

    /** Parses an option's value with {@code parse}; what it refuses becomes a usage error (exit 2). */
    static <T> T option(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidOption e) {
            throw e;
        } catch (SignalboxException e) {
            throw new InvalidOption(e);
        }
    }

    /** Throws a usage error (exit 2) from inside a command. */
    public static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
