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

    /**
     * What went wrong with a file operation, in words: Java's exceptions for a refused permission or a
     * missing file carry only the path ("…/.settings.json.tmp-12"), not the reason.
     */
    public static String why(java.io.IOException e) {
        String file = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() : null;
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied" + (file == null ? "" : " (" + file + ")");
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory" + (file == null ? "" : " (" + file + ")");
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + (file == null ? "" : " (" + file + ")");
        }
        return String.valueOf(e.getMessage());
    }
}
