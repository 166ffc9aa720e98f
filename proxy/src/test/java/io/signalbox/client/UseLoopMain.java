package io.signalbox.client;

import io.signalbox.cli.Main;
import io.signalbox.common.Env;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/** Run in a separate JVM by the crash test: switches between A and B forever, saying "ready" once. */
public final class UseLoopMain {
    private UseLoopMain() {
    }

    public static void main(String[] args) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (long i = 0; ; i++) {
            int code = Main.run(Env.system(), new ByteArrayInputStream(new byte[0]), quiet, System.err,
                    "use", i % 2 == 0 ? "A" : "B", "--clients", "claude");
            if (code != 0) {
                System.exit(code);
            }
            if (i == 0) {
                System.out.println("ready");
                System.out.flush();
            }
        }
    }
}
