package io.signalbox.cli;

import io.signalbox.common.Env;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code java -jar signalbox.jar ...}: runs one command and exits with its code (0 ok, 1 failure, 2 usage). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure(false);
        int code = run(Env.system(), System.in, System.out, System.err, args);
        System.exit(code);
    }

    public static int run(Env env, InputStream in, PrintStream out, PrintStream err, String... args) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return Cli.execute(new CliContext(env, o, e, in), args);
        } finally {
            o.flush();
            e.flush();
        }
    }
}
