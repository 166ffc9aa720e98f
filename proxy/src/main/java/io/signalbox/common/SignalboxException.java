package io.signalbox.common;

/**
 * A failure the user can act on: {@link #getMessage()} says what is wrong, {@link #fix()} says how
 * to fix it. Messages never contain secrets.
 */
public class SignalboxException extends RuntimeException {
    private final String fix;

    public SignalboxException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    public SignalboxException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix;
    }

    /** How to fix it, or an empty string. */
    public String fix() {
        return fix == null ? "" : fix;
    }
}
