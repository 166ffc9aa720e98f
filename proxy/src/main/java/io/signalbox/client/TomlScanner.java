package io.signalbox.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits TOML text into statements (table headers, key/value pairs, blank or comment lines) with
 * their offsets, so a writer can replace one value or drop one table and keep every other byte.
 * It assumes the text already parsed with a real TOML parser.
 */
final class TomlScanner {
    enum Kind { HEADER, KEYVAL, OTHER }

    /**
     * @param start      offset of the statement's line start
     * @param end        offset after its line ending (or the end of the text)
     * @param name       the table name for a header, the key for a key/value, both normalised
     *                   (dotted parts joined by '.', quotes and spaces removed)
     * @param table      the table a key/value belongs to ("" for the root)
     * @param valueStart a key/value's value, without trailing blanks or comment
     */
    record Stmt(Kind kind, int start, int end, String name, String table, int valueStart, int valueEnd) {
    }

    private final String s;
    private int pos;

    private TomlScanner(String s) {
        this.s = s;
    }

    static List<Stmt> scan(String text) {
        return new TomlScanner(text).all();
    }

    private List<Stmt> all() {
        List<Stmt> out = new ArrayList<>();
        String table = "";
        while (pos < s.length()) {
            int start = pos;
            skipBlanks();
            char c = pos < s.length() ? s.charAt(pos) : '\n';
            if (c == '#' || c == '\n' || c == '\r') {
                toLineEnd();
                out.add(new Stmt(Kind.OTHER, start, pos, "", table, -1, -1));
            } else if (c == '[') {
                boolean array = pos + 1 < s.length() && s.charAt(pos + 1) == '[';
                pos += array ? 2 : 1;
                int nameStart = pos;
                while (s.charAt(pos) != ']' || inKeyQuote(nameStart, pos)) {
                    pos++;
                }
                table = normalize(s.substring(nameStart, pos));
                toLineEnd();
                out.add(new Stmt(Kind.HEADER, start, pos, table, table, -1, -1));
            } else {
                int keyStart = pos;
                while (s.charAt(pos) != '=' || inKeyQuote(keyStart, pos)) {
                    pos++;
                }
                String key = normalize(s.substring(keyStart, pos));
                pos++;
                skipBlanks();
                int valueStart = pos;
                int valueEnd = value();
                toLineEnd();
                out.add(new Stmt(Kind.KEYVAL, start, pos, key, table, valueStart, valueEnd));
            }
        }
        return out;
    }

    /** Skips one value (which may span lines); returns its end without trailing blanks. */
    private int value() {
        int depth = 0;
        int lastSignificant = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                skipString(c);
                lastSignificant = pos;
                continue;
            }
            if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            if ((c == '\n' || c == '\r') && depth == 0) {
                break;
            }
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
            pos++;
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                lastSignificant = pos;
            }
        }
        return lastSignificant;
    }

    private void skipString(char q) {
        boolean multi = s.startsWith(String.valueOf(q).repeat(3), pos);
        if (multi) {
            pos += 3;
            String close = String.valueOf(q).repeat(3);
            while (!s.startsWith(close, pos)) {
                pos += q == '"' && s.charAt(pos) == '\\' ? 2 : 1;
            }
            pos += 3;
            while (pos < s.length() && s.charAt(pos) == q) {
                pos++; // up to two quotes may end the content right before the delimiter
            }
            return;
        }
        pos++;
        while (s.charAt(pos) != q) {
            pos += q == '"' && s.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
    }

    private boolean inKeyQuote(int from, int at) {
        boolean dq = false;
        boolean sq = false;
        for (int i = from; i < at; i++) {
            char c = s.charAt(i);
            if (c == '"' && !sq && (i == from || s.charAt(i - 1) != '\\')) {
                dq = !dq;
            } else if (c == '\'' && !dq) {
                sq = !sq;
            }
        }
        return dq || sq;
    }

    private void skipBlanks() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void toLineEnd() {
        while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
        }
        if (pos < s.length()) {
            pos++;
        }
    }

    /** {@code a . "b c" . 'd'} → {@code a.b c.d}. */
    static String normalize(String key) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < key.length()) {
                    out.append(key.charAt(++i));
                } else {
                    out.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c != ' ' && c != '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
