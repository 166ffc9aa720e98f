package io.signalbox.cli;

/** Test access to {@link LogCommand}'s poll interval. */
public final class LogCommandAccess {
    private LogCommandAccess() {
    }

    public static long pollMillis() {
        return LogCommand.POLL_MILLIS;
    }
}
