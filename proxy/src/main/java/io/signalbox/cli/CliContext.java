package io.signalbox.cli;

import io.signalbox.Signalbox;
import io.signalbox.common.Env;
import java.io.InputStream;
import java.io.PrintWriter;

/** What every command gets: the environment, its streams, and the engine opened lazily. */
public final class CliContext {
    private final Env env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private Signalbox signalbox;

    public CliContext(Env env, PrintWriter out, PrintWriter err, InputStream in) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public Env env() {
        return env;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public void warn(String message) {
        err.println("signalbox: warning: " + message);
        err.flush();
    }

    public synchronized Signalbox signalbox() {
        if (signalbox == null) {
            signalbox = Signalbox.open(env, this::warn);
        }
        return signalbox;
    }

    /** Lets tests hand in a pre-built engine (e.g. with a fixed clock). */
    public synchronized CliContext with(Signalbox sb) {
        this.signalbox = sb;
        return this;
    }
}
