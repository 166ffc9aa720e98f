package io.signalbox.client;

import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Codex's {@code config.toml}: Signalbox owns the root keys {@code model_provider}, {@code model}
 * and {@code model_context_window} and the whole {@code [model_providers.signalbox]} table (raw value: the table's
 * body lines). Root keys and the table are edited in place; a new table is appended at the end.
 */
final class CodexConfigText implements OwnedText {
    static final String PROVIDER_ID = "signalbox";
    static final String TABLE = "model_providers." + PROVIDER_ID;
    static final String TABLE_KEY = "[" + TABLE + "]";
    static final List<String> ROOT_KEYS = List.of("model_provider", "model", "model_context_window");
    static final List<String> OWNED = List.of("model_provider", "model", "model_context_window", TABLE_KEY);
    private static final TomlMapper TOML = new TomlMapper();

    @Override
    public String format() {
        return "TOML";
    }

    @Override
    public List<String> ownedKeys() {
        return OWNED;
    }

    @Override
    public List<String> endpointKeys() {
        return List.of("model_provider", TABLE_KEY);
    }

    @Override
    public void checkWellFormed(Path file, String text) {
        if (text == null) {
            return;
        }
        try {
            TOML.readTree(text);
        } catch (JacksonException e) {
            throw Json.malformed(file, e, "TOML");
        }
        java.util.regex.Matcher inline = INLINE_PROVIDERS.matcher(text);
        if (inline.find()) {
            int line = (int) text.substring(0, inline.group(1) == null ? inline.start() : inline.start(1)).chars().filter(c -> c == '\n').count() + 1;
            throw new SignalboxException(file + ":" + line + ": model_providers" + (inline.group(1) == null ? ""
                    : "." + inline.group(1)) + " is an inline table ({ ... }), which TOML does not let Signalbox add"
                    + " its own provider to", "write it as a [model_providers." + (inline.group(1) == null ? "NAME"
                    : inline.group(1)) + "] table with one key per line, then run the command again; Signalbox has"
                    + " left the file unchanged");
        }
        try {
            TomlScanner.scan(text);
        } catch (RuntimeException e) {
            throw new SignalboxException(file + ": Signalbox cannot follow this TOML's layout",
                    "simplify the file (Signalbox has left it unchanged)", e);
        }
    }

    /** {@code model_providers = { … }} at the top, or {@code signalbox = { … }} inside [model_providers]. */
    private static final java.util.regex.Pattern INLINE_PROVIDERS = java.util.regex.Pattern.compile(
            "(?m)^[ \\t]*model_providers[ \\t]*=[ \\t]*\\{|^\\[model_providers\\][^\\[]*?^[ \\t]*(signalbox)[ \\t]*=[ \\t]*\\{",
            java.util.regex.Pattern.DOTALL);

    static JsonNode parse(String text) {
        return text == null || text.isBlank() ? TOML.createObjectNode() : TOML.readTree(text);
    }

    @Override
    public Map<String, String> owned(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        List<TomlScanner.Stmt> st = TomlScanner.scan(text);
        for (TomlScanner.Stmt s : st) {
            if (s.kind() == TomlScanner.Kind.KEYVAL && s.table().isEmpty() && ROOT_KEYS.contains(s.name())) {
                out.put(s.name(), text.substring(s.valueStart(), s.valueEnd()));
            }
        }
        int[] span = tableSpan(st, text);
        if (span != null) {
            int bodyStart = st.stream().filter(s -> s.start() == span[0]).findFirst().orElseThrow().end();
            out.put(TABLE_KEY, text.substring(bodyStart, span[2]).replace("\r\n", "\n"));
        }
        return out;
    }

    @Override
    public String apply(String text, Map<String, String> target) {
        String t = text == null ? "" : text;
        String nl = t.contains("\r\n") ? "\r\n" : "\n";
        String body = target.get(TABLE_KEY);
        List<TomlScanner.Stmt> st = TomlScanner.scan(t);
        int[] span = tableSpan(st, t);
        if (span != null && body != null) {
            // in place: the header stays where it is, only its body changes
            int bodyStart = st.stream().filter(s -> s.start() == span[0]).findFirst().orElseThrow().end();
            String head = t.substring(0, bodyStart);
            if (!head.endsWith("\n")) {
                head += nl;
            }
            t = head + body.replace("\n", nl) + t.substring(span[2]);
            body = null;
        } else if (span != null) {
            int from = span[0];
            if (span[1] == t.length()) {
                // our table was appended last, after a blank line we added: take that line too
                String head = t.substring(0, from);
                from -= head.endsWith("\r\n\r\n") ? 2 : head.endsWith("\n\n") ? 1 : 0;
            }
            t = t.substring(0, from) + t.substring(span[1]);
        }
        for (String k : ROOT_KEYS) {
            t = setRoot(t, k, target.get(k), nl);
        }
        if (body != null) {
            StringBuilder b = new StringBuilder(t);
            if (!t.isEmpty() && !t.endsWith("\n")) {
                b.append(nl);
            }
            if (!t.isEmpty() && !t.endsWith("\n\n") && !t.endsWith("\r\n\r\n")) {
                b.append(nl);
            }
            b.append(TABLE_KEY).append(nl).append(body.replace("\n", nl));
            t = b.toString();
        }
        return text == null && t.isEmpty() ? null : t;
    }

    private static String setRoot(String t, String key, String value, String nl) {
        List<TomlScanner.Stmt> st = TomlScanner.scan(t);
        TomlScanner.Stmt found = null;
        int afterLastRoot = -1;
        for (TomlScanner.Stmt s : st) {
            if (s.kind() == TomlScanner.Kind.HEADER) {
                break;
            }
            if (s.kind() == TomlScanner.Kind.KEYVAL) {
                afterLastRoot = s.end();
                if (s.name().equals(key)) {
                    found = s;
                }
            }
        }
        if (found != null) {
            return value == null ? t.substring(0, found.start()) + t.substring(found.end())
                    : t.substring(0, found.valueStart()) + value + t.substring(found.valueEnd());
        }
        if (value == null) {
            return t;
        }
        int at = Math.max(afterLastRoot, 0);
        String prefix = at > 0 && t.charAt(at - 1) != '\n' ? nl : "";
        return t.substring(0, at) + prefix + key + " = " + value + nl + t.substring(at);
    }

    /**
     * [header start, end of its body, end of its last key line] of our table, or null. The body ends after its last key; blank
     * and comment lines between that key and the next table stay outside it when they hold a
     * comment (the user's, belonging to what follows), inside it when they are blank only.
     */
    private static int[] tableSpan(List<TomlScanner.Stmt> st, String text) {
        for (int i = 0; i < st.size(); i++) {
            TomlScanner.Stmt s = st.get(i);
            if (s.kind() == TomlScanner.Kind.HEADER && s.name().equals(TABLE)) {
                int next = text.length();
                int lastKey = s.end();
                for (int j = i + 1; j < st.size(); j++) {
                    TomlScanner.Stmt b = st.get(j);
                    if (b.kind() == TomlScanner.Kind.HEADER) {
                        next = b.start();
                        break;
                    }
                    if (b.kind() == TomlScanner.Kind.KEYVAL) {
                        lastKey = b.end();
                    }
                }
                return new int[] {s.start(), text.substring(lastKey, next).isBlank() ? next : lastKey, lastKey};
            }
        }
        return null;
    }

    @Override
    public boolean sameExceptOwned(String before, String after) {
        return normalized(before).equals(normalized(after));
    }

    private static JsonNode normalized(String text) {
        JsonNode root = parse(text);
        if (root instanceof ObjectNode o) {
            ROOT_KEYS.forEach(o::remove);
            if (o.get("model_providers") instanceof ObjectNode mp) {
                mp.remove(PROVIDER_ID);
                if (mp.isEmpty()) {
                    o.remove("model_providers");
                }
            }
        }
        return root;
    }

    @Override
    public String quote(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
