package io.signalbox.forward;

import io.helidon.http.Header;
import io.signalbox.profile.Profile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header edits at the two hops that cross the proxy, as small pure functions:
 * {@link #proxyToServer} (client headers → upstream request) and {@link #proxyToClient}
 * (upstream response headers → client). Everything not named here passes verbatim, in
 * particular {@code anthropic-version}, {@code anthropic-beta} and every other
 * {@code anthropic-*} header.
 */
public final class ForwardHeaders {
    /** One header line. */
    public record Line(String name, String value) {
    }

    /** Hop-by-hop headers (RFC 9110 §7.6.1) and ones the HTTP client frames itself. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "host", "content-length", "expect", "http2-settings");
    /** The client's credentials: the proxy consumes them and adds the provider's own. */
    static final Set<String> CLIENT_CREDENTIALS = Set.of("authorization", "x-api-key");

    private ForwardHeaders() {
    }

    /**
     * The upstream request's headers: the client's, minus hop-by-hop headers, its credential and
     * {@code accept-encoding} (so streams arrive uncompressed and can be relayed event by event),
     * plus the profile's own headers and the provider key in the profile's auth style.
     */
    public static List<Line> proxyToServer(Iterable<Header> client, Profile profile, String key) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        dropped.addAll(CLIENT_CREDENTIALS);
        dropped.add("accept-encoding");
        for (Header h : client) {
            if (h.name().equalsIgnoreCase("connection")) {
                for (String v : h.allValues(true)) {
                    dropped.add(v.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String name : profile.headers().keySet()) {
            dropped.add(name.toLowerCase(Locale.ROOT));
        }
        List<Line> out = new ArrayList<>();
        for (Header h : client) {
            if (!dropped.contains(h.name().toLowerCase(Locale.ROOT))) {
                for (String v : h.allValues()) {
                    out.add(new Line(h.name(), v));
                }
            }
        }
        for (Map.Entry<String, String> e : profile.headers().entrySet()) {
            out.add(new Line(e.getKey(), e.getValue()));
        }
        if (key != null) {
            out.add(new Line(profile.auth().headerName(), profile.auth().headerValue(key)));
        }
        return out;
    }

    /**
     * The client response's headers: the upstream's, minus hop-by-hop headers, pseudo-headers and
     * any CORS header (the proxy never grants a browser access).
     */
    public static List<Line> proxyToClient(Iterable<Header> upstream) {
        List<Line> out = new ArrayList<>();
        for (Header h : upstream) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (!n.startsWith(":") && !HOP_BY_HOP.contains(n) && !n.startsWith("access-control-")) {
                for (String v : h.allValues()) {
                    out.add(new Line(h.name(), v));
                }
            }
        }
        return out;
    }
}
