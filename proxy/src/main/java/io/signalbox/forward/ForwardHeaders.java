package io.signalbox.forward;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
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
    /** One header line; the name as Helidon's {@link HeaderName} (kept from the message it came from). */
    public record Line(HeaderName header, String value) {
        public Line(String name, String value) {
            this(HeaderNames.create(name), value);
        }

        public String name() {
            return header.defaultCase();
        }
    }

    /** Hop-by-hop headers (RFC 9110 §7.6.1) and ones the HTTP client frames itself. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "host", "content-length", "expect", "http2-settings");
    /** The client's credentials: the proxy consumes them and adds the provider's own. */
    static final Set<String> CLIENT_CREDENTIALS = Set.of("authorization", "x-api-key",
            // other clients' key headers (Azure, Google) and cookies: a local token sent in one of them
            // must not reach the provider either
            "api-key", "x-goog-api-key", "cookie");
    /**
     * Never forwarded upstream: hop-by-hop, the client's credential, and {@code accept-encoding}
     * (so streams arrive uncompressed and can be relayed event by event).
     */
    private static final Set<String> ALWAYS_DROPPED = alwaysDropped();

    private ForwardHeaders() {
    }

    private static Set<String> alwaysDropped() {
        Set<String> s = new HashSet<>(HOP_BY_HOP);
        s.addAll(CLIENT_CREDENTIALS);
        s.add("accept-encoding");
        return Set.copyOf(s);
    }

    /**
     * The upstream request's headers: the client's, minus hop-by-hop headers, its credential and
     * {@code accept-encoding} (so streams arrive uncompressed and can be relayed event by event),
     * plus the profile's own headers and the provider key in the profile's auth style.
     */
    public static List<Line> proxyToServer(Iterable<Header> client, Profile profile, String key) {
        Set<String> connectionListed = null;
        for (Header h : client) {
            if (h.headerName().lowerCase().equals("connection")) {
                connectionListed = new HashSet<>();
                for (String v : h.allValues(true)) {
                    connectionListed.add(v.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, String> own = profile.headers();
        List<Line> out = new ArrayList<>(24);
        for (Header h : client) {
            HeaderName hn = h.headerName();
            String n = hn.lowerCase();
            if (!ALWAYS_DROPPED.contains(n) && (connectionListed == null || !connectionListed.contains(n))
                    && (own.isEmpty() || !containsIgnoreCase(own.keySet(), n))) {
                addValues(out, hn, h);
            }
        }
        for (Map.Entry<String, String> e : own.entrySet()) {
            out.add(new Line(e.getKey(), e.getValue()));
        }
        if (key != null) {
            out.add(new Line(profile.auth().headerName(), profile.auth().headerValue(key)));
        }
        return out;
    }

    /**
     * {@code lines} without the {@code anthropic-*} headers: a request translated into another API
     * carries none of Anthropic's versions or betas (the body fields they pair with are translated or dropped).
     */
    public static List<Line> withoutAnthropic(List<Line> lines) {
        List<Line> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            if (!l.header().lowerCase().startsWith("anthropic-")) {
                out.add(l);
            }
        }
        return out;
    }

    private static boolean containsIgnoreCase(Set<String> names, String lower) {
        for (String n : names) {
            if (n.equalsIgnoreCase(lower)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client response's headers: the upstream's, minus hop-by-hop headers (those of RFC 9110
     * §7.6.1 and any the upstream names in its {@code Connection} header), pseudo-headers and any CORS
     * header (the proxy never grants a browser access).
     */
    public static List<Line> proxyToClient(List<Line> upstream) {
        Set<String> connectionListed = null;
        for (Line h : upstream) {
            if (h.header().lowerCase().equals("connection")) {
                if (connectionListed == null) {
                    connectionListed = new HashSet<>();
                }
                for (String v : h.value().split(",")) {
                    connectionListed.add(v.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        List<Line> out = new ArrayList<>(upstream.size());
        for (Line h : upstream) {
            String n = h.header().lowerCase();
            if (!n.startsWith(":") && !HOP_BY_HOP.contains(n) && !n.startsWith("access-control-")
                    && (connectionListed == null || !connectionListed.contains(n))) {
                out.add(h);
            }
        }
        return out;
    }

    private static void addValues(List<Line> out, HeaderName name, Header h) {
        if (h.valueCount() == 1) {
            out.add(new Line(name, h.get()));
            return;
        }
        for (String v : h.allValues()) {
            out.add(new Line(name, v));
        }
    }
}
