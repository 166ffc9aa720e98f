package io.signalbox.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON scanner that reports where things are in the original text, so a writer can splice
 * single members in and out and leave every other byte alone. It assumes the text already parsed
 * with Jackson (callers check that first), so it only needs to be exact, not forgiving.
 */
final class JsonScanner {
    /** One {@code "key": value} member: offsets into the text, end exclusive. */
    record Member(String key, int keyStart, int keyEnd, int valueStart, int valueEnd) {
    }

    /** An object: the offsets of its braces and its members in order. */
    record Obj(int open, int close, List<Member> members) {
        Member last(String key) {
            Member found = null;
            for (Member m : members) {
                if (m.key().equals(key)) {
                    found = m;
                }
            }
            return found;
        }
    }

    private final String s;
    private int pos;

    private JsonScanner(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    /** The top-level value's start offset, or -1 when the text holds only whitespace. */
    static int firstValue(String text) {
        JsonScanner sc = new JsonScanner(text, 0);
        sc.skipWs();
        return sc.pos < text.length() ? sc.pos : -1;
    }

    /** Scans the object that starts at {@code open} (which must be a '{'). */
    static Obj object(String text, int open) {
        JsonScanner sc = new JsonScanner(text, open);
        return sc.readObject();
    }

    private Obj readObject() {
        int open = pos;
        expect('{');
        List<Member> members = new ArrayList<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return new Obj(open, pos - 1, members);
        }
        while (true) {
            skipWs();
            int keyStart = pos;
            String key = readString();
            int keyEnd = pos;
            skipWs();
            expect(':');
            skipWs();
            int valueStart = pos;
            skipValue();
            members.add(new Member(key, keyStart, keyEnd, valueStart, pos));
            skipWs();
            char c = s.charAt(pos++);
            if (c == '}') {
                return new Obj(open, pos - 1, members);
            }
            if (c != ',') {
                throw new IllegalStateException("expected ',' or '}' at offset " + (pos - 1));
            }
        }
    }

    private void skipValue() {
        char c = peek();
        switch (c) {
            case '{' -> readObject();
            case '[' -> {
                pos++;
                skipWs();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    skipWs();
                    skipValue();
                    skipWs();
                    char d = s.charAt(pos++);
                    if (d == ']') {
                        return;
                    }
                    if (d != ',') {
                        throw new IllegalStateException("expected ',' or ']' at offset " + (pos - 1));
                    }
                }
            }
            case '"' -> readString();
            default -> {
                while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) {
                    pos++;
                }
            }
        }
    }

    private String readString() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(e);
            }
        }
    }

    private void skipWs() {
        while (pos < s.length() && " \t\r\n\uFEFF".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        return s.charAt(pos);
    }

    private void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw new IllegalStateException("expected '" + c + "' at offset " + pos);
        }
        pos++;
    }
}
