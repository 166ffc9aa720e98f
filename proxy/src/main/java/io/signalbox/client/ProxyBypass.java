package io.signalbox.client;

import io.signalbox.common.Env;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeping a client's requests to Signalbox off the user's HTTP proxy. Claude Code and Codex send
 * even their requests to {@code http://127.0.0.1} through {@code HTTP_PROXY}/{@code HTTPS_PROXY}
 * when the user has one set (a company network), and that proxy cannot reach the user's own
 * machine: every request hangs or is retried until the client gives up. {@code NO_PROXY} naming
 * 127.0.0.1 and localhost prevents it — in both spellings, as the lowercase one, when set, hides
 * the other in some clients.
 */
public final class ProxyBypass {
    /** The variables, uppercase first. */
    public static final List<String> VARS = List.of("NO_PROXY", "no_proxy");
    /** The hosts of Signalbox's local proxy as the clients address it. */
    static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");
    private static final List<String> PROXY_VARS = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy",
            "ALL_PROXY", "all_proxy");

    private ProxyBypass() {
    }

    /**
     * {@code NO_PROXY} and {@code no_proxy} for a client in proxy mode: the loopback hosts, then every
     * entry the user's own lists in {@code env} hold (the value replaces theirs for the client).
     */
    static Map<String, String> vars(Env env) {
        String v = merge(String.join(",", LOOPBACK), env.get("NO_PROXY").orElse(""), env.get("no_proxy").orElse(""));
        Map<String, String> out = new LinkedHashMap<>();
        VARS.forEach(k -> out.put(k, v));
        return out;
    }

    /** The entries of comma-separated NO_PROXY lists, in order, each once (case-insensitively). */
    static String merge(String... lists) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String list : lists) {
            for (String e : list.split(",")) {
                String t = e.strip();
                if (!t.isEmpty()) {
                    seen.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
                }
            }
        }
        return String.join(",", seen.values());
    }

    /** True when a NO_PROXY value keeps requests to the local proxy off any HTTP proxy. */
    static boolean bypassesLoopback(String value) {
        if (value == null) {
            return false;
        }
        List<String> entries = Arrays.stream(value.split(",")).map(String::strip).toList();
        return entries.contains("*") || entries.containsAll(LOOPBACK);
    }

    /**
     * For a client whose own config cannot carry variables (Codex): a warning when {@code env} sets an
     * HTTP proxy that its NO_PROXY lists do not keep off the local proxy, with the line that fixes it.
     */
    public static Optional<String> unbypassedProxy(String client, Env env) {
        Optional<String> proxy = PROXY_VARS.stream().filter(k -> env.get(k).filter(v -> !v.isBlank()).isPresent())
                .findFirst();
        if (proxy.isEmpty()) {
            return Optional.empty();
        }
        List<String> lists = VARS.stream().map(k -> env.get(k).orElse(null)).filter(v -> v != null && !v.isBlank())
                .toList();
        if (!lists.isEmpty() && lists.stream().allMatch(ProxyBypass::bypassesLoopback)) {
            return Optional.empty();
        }
        String v = vars(env).get("NO_PROXY");
        return Optional.of(proxy.get() + " is set and NO_PROXY does not name 127.0.0.1 and localhost, so " + client
                + " will send its requests for Signalbox's local proxy to that HTTP proxy, which cannot reach this"
                + " machine; add them where you set " + proxy.get() + ": export NO_PROXY='" + v + "' no_proxy='" + v
                + "' (or start it with: signalbox run NAME -- " + client + ")");
    }
}
