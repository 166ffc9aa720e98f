package io.signalbox.client;

import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claude Code's {@code settings.json}: Signalbox owns a fixed set of members of the {@code env}
 * object. Members are spliced in and out of the original text using the file's own indentation.
 */
final class ClaudeSettingsText implements OwnedText {
    static final List<String> OWNED = List.of("ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY",
            "ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL",
            "ANTHROPIC_DEFAULT_HAIKU_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL", ClaudeVars.CONTEXT_WINDOW, ClaudeVars.MAX_OUTPUT,
            ProxyBypass.VARS.get(0), ProxyBypass.VARS.get(1));

    @Override
    public String format() {
        return "JSON";
    }

    @Override
    public List<String> ownedKeys() {
        return OWNED;
    }

    @Override
    public List<String> endpointKeys() {
        return List.of(ClaudeVars.BASE_URL, ClaudeVars.AUTH_TOKEN, ClaudeVars.API_KEY);
    }

    /**
     * As {@link OwnedText#withUsersValues}, except that a NO_PROXY list the user keeps in the file is
     * merged into Signalbox's, not replaced: their hosts stay off the HTTP proxy too.
     */
    @Override
    public Map<String, String> withUsersValues(Map<String, String> target, Map<String, String> user) {
        Map<String, String> out = OwnedText.super.withUsersValues(target, user);
        for (String k : ProxyBypass.VARS) {
            String ours = target.get(k);
            String theirs = user.get(k);
            if (ours != null && theirs != null) {
                JsonNode t = Json.MAPPER.readTree(theirs);
                if (t.isString()) {
                    out.put(k, quote(ProxyBypass.merge(Json.MAPPER.readTree(ours).asString(), t.asString())));
                }
            }
        }
        return out;
    }

    @Override
    public void checkWellFormed(Path file, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (text.startsWith("\uFEFF")) {
            throw new SignalboxException(file + " starts with a byte-order mark (BOM), which JSON does not allow"
                    + " and Signalbox cannot edit around", "save the file as UTF-8 without BOM (in VS Code: Save with"
                    + " Encoding → UTF-8), then run the command again; Signalbox has left it unchanged");
        }
        JsonNode root = Json.parse(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!root.isObject()) {
            throw new SignalboxException(file + ": the top level is not a JSON object",
                    "make the file a JSON object ({ ... }); Signalbox has left it unchanged");
        }
        JsonNode env = root.get("env");
        if (env != null && !env.isObject()) {
            throw new SignalboxException(file + ": \"env\" is not a JSON object",
                    "make \"env\" an object of NAME: \"value\" pairs; Signalbox has left the file unchanged");
        }
    }

    @Override
    public Map<String, String> owned(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonScanner.Obj env = env(text);
        if (env != null) {
            for (String k : OWNED) {
                JsonScanner.Member m = env.last(k);
                if (m != null) {
                    out.put(k, text.substring(m.valueStart(), m.valueEnd()));
                }
            }
        }
        return out;
    }

    @Override
    public String apply(String text, Map<String, String> target) {
        String t = text == null ? "" : text;
        if (JsonScanner.firstValue(t) < 0) {
            if (target.isEmpty()) {
                return text;
            }
            t = t.isEmpty() ? "{\n  \"env\": {}\n}\n" : "{\"env\": {}}" + t;
        }
        if (env(t) == null) {
            if (target.isEmpty()) {
                return t;
            }
            t = insert(t, top(t), "env", "{}");
        }
        for (String k : OWNED) {
            String value = target.get(k);
            // remove every occurrence except the last one we will overwrite
            while (true) {
                JsonScanner.Obj env = env(t);
                long count = env.members().stream().filter(m -> m.key().equals(k)).count();
                if (count == 0 || (value != null && count == 1)) {
                    break;
                }
                t = remove(t, env, env.members().stream().filter(m -> m.key().equals(k)).findFirst().orElseThrow());
            }
            if (value != null) {
                JsonScanner.Obj env = env(t);
                JsonScanner.Member m = env.last(k);
                t = m != null ? t.substring(0, m.valueStart()) + value + t.substring(m.valueEnd())
                        : insert(t, env, k, value);
            }
        }
        return t;
    }

    @Override
    public boolean sameExceptOwned(String before, String after) {
        return normalized(before).equals(normalized(after));
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
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static JsonNode normalized(String text) {
        if (text == null || text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode root = Json.MAPPER.readTree(text);
        if (root instanceof ObjectNode o && o.get("env") instanceof ObjectNode env) {
            OWNED.forEach(env::remove);
            if (env.isEmpty()) {
                o.remove("env");
            }
        }
        return root;
    }

    private static JsonScanner.Obj top(String text) {
        return JsonScanner.object(text, JsonScanner.firstValue(text));
    }

    private static JsonScanner.Obj env(String text) {
        if (text == null || JsonScanner.firstValue(text) < 0) {
            return null;
        }
        JsonScanner.Member m = top(text).last("env");
        return m == null ? null : JsonScanner.object(text, m.valueStart());
    }

    private String insert(String t, JsonScanner.Obj obj, String key, String value) {
        List<JsonScanner.Member> ms = obj.members();
        if (!ms.isEmpty()) {
            JsonScanner.Member last = ms.getLast();
            int from = ms.size() == 1 ? obj.open() + 1 : ms.get(ms.size() - 2).valueEnd();
            String lead = t.substring(from, last.keyStart());
            lead = lead.substring(lead.indexOf(',') + 1);
            String sep = t.substring(last.keyEnd(), last.valueStart());
            return t.substring(0, last.valueEnd()) + "," + lead + quote(key) + sep + value
                    + t.substring(last.valueEnd());
        }
        Style st = Style.of(t);
        String member = quote(key) + st.sep + value;
        if (st.unit.isEmpty()) {
            return t.substring(0, obj.open() + 1) + member + t.substring(obj.close());
        }
        String indent = lineIndent(t, obj.open());
        return t.substring(0, obj.open() + 1) + st.nl + indent + st.unit + member + st.nl + indent
                + t.substring(obj.close());
    }

    private static String remove(String t, JsonScanner.Obj obj, JsonScanner.Member m) {
        List<JsonScanner.Member> ms = obj.members();
        int i = ms.indexOf(m);
        if (i > 0) {
            return t.substring(0, ms.get(i - 1).valueEnd()) + t.substring(m.valueEnd());
        }
        if (ms.size() > 1) {
            return t.substring(0, m.keyStart()) + t.substring(ms.get(1).keyStart());
        }
        return t.substring(0, obj.open() + 1) + t.substring(obj.close());
    }

    private static String lineIndent(String t, int pos) {
        int start = t.lastIndexOf('\n', pos) + 1;
        int end = start;
        while (end < t.length() && (t.charAt(end) == ' ' || t.charAt(end) == '\t')) {
            end++;
        }
        return t.substring(start, end);
    }

    /** The file's line ending, indentation unit and key separator, read from its top-level object. */
    private record Style(String nl, String unit, String sep) {
        static Style of(String t) {
            String nl = t.contains("\r\n") ? "\r\n" : "\n";
            JsonScanner.Obj top = top(t);
            if (top.members().isEmpty()) {
                return new Style(nl, t.indexOf('\n') >= 0 ? "  " : "", ": ");
            }
            JsonScanner.Member first = top.members().getFirst();
            String lead = t.substring(top.open() + 1, first.keyStart());
            String sep = t.substring(first.keyEnd(), first.valueStart());
            int n = lead.lastIndexOf('\n');
            if (n < 0) {
                return new Style(nl, "", sep);
            }
            String memberIndent = lead.substring(n + 1);
            String topIndent = lineIndent(t, top.open());
            String unit = memberIndent.startsWith(topIndent) ? memberIndent.substring(topIndent.length()) : memberIndent;
            return new Style(nl, unit.isEmpty() ? "  " : unit, sep);
        }
    }
}
