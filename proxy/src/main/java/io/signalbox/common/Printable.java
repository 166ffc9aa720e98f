package io.signalbox.common;

/**
 * Text that someone else chose (a model name a client asked for or a provider answered with, a
 * profile name in a request's path, an upstream's error), made safe to print in serve's log, a
 * terminal or the app: control characters (newlines, escape sequences), Unicode format characters
 * (bidirectional overrides) and line separators are written as escapes ({@code \n}, {@code \u001B}),
 * and so is the backslash, so that an escape cannot be forged. Ordinary text, in any script, is left
 * as it is; the common case costs one scan and no copy.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code s} with what could change how the text around it is read escaped; null stays null. */
    public static String of(String s) {
        if (s == null || plain(s, false)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        escape(s, b, false);
        return b.toString();
    }

    /**
     * {@code s} as one {@code key=value} value of a log line: as it is when it holds no space, quote
     * or character {@link #of} escapes; else in double quotes, with quotes escaped as well, so it
     * cannot end early and add a field of its own.
     */
    public static String token(String s) {
        if (!s.isEmpty() && plain(s, true)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 18).append('"');
        escape(s, b, true);
        return b.append('"').toString();
    }

    private static boolean plain(String s, boolean token) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x7f) {
                if (c < 0x20 || c == '\\' || (token && (c == ' ' || c == '"'))) {
                    return false;
                }
            } else if (Character.isSurrogate(c) || needsEscape(c) || (token && Character.isWhitespace(c))) {
                return false; // a surrogate pair is kept whole by escape(), an unpaired one escaped
            }
        }
        return true;
    }

    private static boolean needsEscape(char c) {
        if (c < 0x20 || c == 0x7f) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    private static void escape(String s, StringBuilder b, boolean token) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '"' -> b.append(token ? "\\\"" : "\"");
                default -> {
                    if (Character.isSurrogate(c)) {
                        boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1));
                        if (paired) {
                            b.append(c).append(s.charAt(++i));
                        } else {
                            hex(c, b);
                        }
                    } else if (needsEscape(c)) {
                        hex(c, b);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }

    private static void hex(char c, StringBuilder b) {
        b.append("\\u");
        String h = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        b.append("0".repeat(4 - h.length())).append(h);
    }
}
