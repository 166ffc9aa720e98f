package io.signalbox.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but valid settings.json and config.toml texts in many layouts, for the property tests. */
final class ConfigGen {
    private static final String[] WORDS = {"alpha", "beta", "hooks", "permissions", "enabledPlugins", "statusLine",
        "ünïcödé", "日本語", "emoji😀", "with space", "quote\"d", "back\\slash", "tab\tkey", "x", "ANTHROPIC_OTHER",
        "MY_VAR", "deny", "allow", "PreToolUse"};
    static final List<String> CLAUDE_OWNED = ClaudeSettingsText.OWNED;

    private final Random r;

    ConfigGen(Random r) {
        this.r = r;
    }

    private String word() {
        return WORDS[r.nextInt(WORDS.length)] + (r.nextInt(3) == 0 ? "" + r.nextInt(100) : "");
    }

    // ---------------------------------------------------------------- JSON
    private record JStyle(String unit, String nl, String colon, boolean compact) {
    }

    /** A settings.json text, or null for "no file". */
    String settingsJson() {
        if (r.nextInt(12) == 0) {
            return null;
        }
        String nl = r.nextInt(4) == 0 ? "\r\n" : "\n";
        JStyle st = switch (r.nextInt(5)) {
            case 0 -> new JStyle("", "", r.nextBoolean() ? ":" : ": ", true);
            case 1 -> new JStyle("\t", nl, ": ", false);
            case 2 -> new JStyle("    ", nl, ": ", false);
            case 3 -> new JStyle("  ", nl, " : ", false);
            default -> new JStyle("  ", nl, ": ", false);
        };
        List<String[]> members = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            members.add(new String[] {word() + i, jsonValue(st, 1, 2)});
        }
        if (r.nextInt(5) != 0) {
            List<String[]> env = new ArrayList<>();
            int e = r.nextInt(5);
            for (int i = 0; i < e; i++) {
                env.add(new String[] {r.nextBoolean() ? "USER_VAR_" + i : word() + i, str(word())});
            }
            for (String k : CLAUDE_OWNED) {
                if (r.nextInt(5) == 0) {
                    env.add(r.nextInt(env.size() + 1), new String[] {k, str("user-" + word())});
                }
            }
            members.add(r.nextInt(members.size() + 1), new String[] {"env", obj(st, env, 1)});
        }
        String text = obj(st, members, 0);
        if (r.nextInt(4) != 0) {
            text += st.compact ? (r.nextBoolean() ? "\n" : "") : nl;
        }
        return text;
    }

    private String jsonValue(JStyle st, int depth, int maxDepth) {
        int k = r.nextInt(depth >= maxDepth ? 5 : 7);
        return switch (k) {
            case 0 -> str(word());
            case 1 -> Integer.toString(r.nextInt(2000) - 1000);
            case 2 -> r.nextBoolean() ? "true" : "false";
            case 3 -> "null";
            case 4 -> r.nextBoolean() ? "1.5e3" : "-0.25";
            case 5 -> {
                List<String[]> m = new ArrayList<>();
                for (int i = 0, n = r.nextInt(4); i < n; i++) {
                    m.add(new String[] {word() + i, jsonValue(st, depth + 1, maxDepth)});
                }
                yield obj(st, m, depth);
            }
            default -> {
                List<String> items = new ArrayList<>();
                for (int i = 0, n = r.nextInt(4); i < n; i++) {
                    items.add(jsonValue(st, depth + 1, maxDepth));
                }
                yield "[" + String.join(st.compact ? "," : ", ", items) + "]";
            }
        };
    }

    private String obj(JStyle st, List<String[]> members, int depth) {
        if (members.isEmpty()) {
            return "{}";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < members.size(); i++) {
            b.append(i == 0 ? "" : ",");
            if (!st.compact) {
                b.append(st.nl).append(st.unit.repeat(depth + 1));
            }
            b.append(str(members.get(i)[0])).append(st.colon).append(members.get(i)[1]);
        }
        if (!st.compact) {
            b.append(st.nl).append(st.unit.repeat(depth));
        }
        return b.append('}').toString();
    }

    static String str(String s) {
        return new ClaudeSettingsText().quote(s);
    }

    // ---------------------------------------------------------------- TOML
    /** A config.toml text, or null for "no file". */
    String configToml() {
        if (r.nextInt(12) == 0) {
            return null;
        }
        String nl = r.nextInt(4) == 0 ? "\r\n" : "\n";
        String ind = r.nextInt(4) == 0 ? "\t" : r.nextInt(3) == 0 ? "  " : "";
        String eq = r.nextInt(4) == 0 ? "=" : " = ";
        StringBuilder b = new StringBuilder();
        if (r.nextBoolean()) {
            b.append("# Codex config — ünïcödé 日本語").append(nl).append(nl);
        }
        List<String> rootKeys = new ArrayList<>(List.of("approval_policy", "sandbox_mode", "model_reasoning_effort",
                "notify", "hide_agent_reasoning"));
        if (r.nextInt(3) == 0) {
            rootKeys.add(r.nextInt(rootKeys.size() + 1), "model");
        }
        if (r.nextInt(3) == 0) {
            rootKeys.add(r.nextInt(rootKeys.size() + 1), "model_provider");
        }
        if (r.nextInt(4) == 0) {
            rootKeys.add(r.nextInt(rootKeys.size() + 1), "model_context_window");
        }
        for (String k : rootKeys) {
            if (r.nextInt(3) == 0 && !k.startsWith("model")) {
                continue;
            }
            b.append(k).append(eq).append(k.equals("model_provider") ? str("openai")
                    : k.equals("model_context_window") ? Integer.toString(1000 + r.nextInt(400_000))
                    : tomlValue(k.equals("model")));
            if (r.nextInt(4) == 0) {
                b.append(" # mine: ").append(word());
            }
            b.append(nl);
            if (r.nextInt(4) == 0) {
                b.append("# a comment").append(nl);
            }
        }
        int tables = r.nextInt(5);
        for (int t = 0; t < tables; t++) {
            b.append(r.nextBoolean() ? nl : "");
            String name = switch (r.nextInt(6)) {
                case 0 -> "mcp_servers.srv" + t;
                case 1 -> "profiles.p" + t;
                case 2 -> "projects.\"/home/ü/proj " + t + "\"";
                case 3 -> "model_providers.other" + t;
                case 4 -> "features";
                default -> "tui";
            };
            if (b.indexOf("[" + name + "]") >= 0) {
                continue;
            }
            b.append('[').append(name).append(']').append(r.nextInt(5) == 0 ? " # table comment" : "").append(nl);
            for (int i = 0, n = r.nextInt(4); i < n; i++) {
                b.append(ind).append("k").append(i).append(eq).append(tomlValue(false)).append(nl);
            }
        }
        String text = b.toString();
        if (r.nextInt(4) == 0 && text.endsWith(nl)) {
            text = text.substring(0, text.length() - nl.length());
        }
        return text;
    }

    private String tomlValue(boolean stringOnly) {
        int k = stringOnly ? 0 : r.nextInt(8);
        return switch (k) {
            case 0 -> str(word());
            case 1 -> "'" + word().replace("'", "").replace("\t", " ") + "'";
            case 2 -> Integer.toString(r.nextInt(1000));
            case 3 -> r.nextBoolean() ? "true" : "false";
            case 4 -> "[" + str(word()) + ", " + r.nextInt(9) + "]";
            case 5 -> "{ a = " + str(word()) + ", b = " + r.nextInt(9) + " }";
            case 6 -> "\"\"\"" + "line one\nline \"two\" = [x]\n" + "\"\"\"";
            default -> "[\n  " + str("multi # not a comment") + ", # a comment\n  " + str("line") + ",\n]";
        };
    }
}
