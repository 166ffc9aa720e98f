package io.signalbox.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which proxy route a client's base URL addresses. The root ({@code http://127.0.0.1:PORT}, for
 * Codex plus {@code /v1}) follows the active profile; {@code /p/NAME} (Codex: {@code /p/NAME/v1})
 * is one profile whatever is active. Any other URL is not the proxy.
 */
public record ClientRoute(Kind kind, String profile) {
    public enum Kind { FOLLOWS_ACTIVE, PINNED, ELSEWHERE }

    private static final Pattern PINNED = Pattern.compile("/p/([A-Za-z0-9][A-Za-z0-9._-]*)");

    public static String proxyRoot(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The proxy root for {@code profile}'s own route, or the active one's when {@code profile} is null. */
    static String root(int port, String profile) {
        return proxyRoot(port) + (profile == null ? "" : "/p/" + profile);
    }

    /** The base URL {@code client} is given for {@code root}: Codex appends {@code /v1}, Claude Code does not. */
    static String baseUrl(String client, String root) {
        return client.equals("codex") ? root + "/v1" : root;
    }

    /** Reads a client's base URL ({@code null}: the client's own default, not the proxy). */
    public static ClientRoute of(String client, String baseUrl, int port) {
        if (baseUrl == null) {
            return new ClientRoute(Kind.ELSEWHERE, null);
        }
        String u = baseUrl.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (client.equals("codex")) {
            if (!u.endsWith("/v1")) {
                return new ClientRoute(Kind.ELSEWHERE, null);
            }
            u = u.substring(0, u.length() - 3);
        }
        String root = proxyRoot(port);
        if (u.equals(root)) {
            return new ClientRoute(Kind.FOLLOWS_ACTIVE, null);
        }
        if (u.startsWith(root)) {
            Matcher m = PINNED.matcher(u.substring(root.length()));
            if (m.matches()) {
                return new ClientRoute(Kind.PINNED, m.group(1));
            }
        }
        return new ClientRoute(Kind.ELSEWHERE, null);
    }
}
