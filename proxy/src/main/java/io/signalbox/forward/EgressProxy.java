package io.signalbox.forward;

import io.signalbox.common.Env;
import io.signalbox.common.SignalboxException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP proxy a company network makes every outbound connection go through, read as curl and
 * most command-line tools read it: {@code https_proxy}/{@code HTTPS_PROXY} for {@code https://}
 * upstreams, {@code http_proxy}/{@code HTTP_PROXY} for {@code http://} ones ({@code all_proxy} for
 * either), {@code no_proxy}/{@code NO_PROXY} for the hosts reached directly (names, {@code .domain}
 * suffixes, IPv4 CIDR ranges, {@code *}). Loopback hosts are always reached directly: a proxy cannot
 * reach this machine's own services (a local Ollama, a test upstream). A user and password in the
 * proxy URL are sent as Basic {@code Proxy-Authorization}; they never appear in a message.
 */
public final class EgressProxy {
    /** No proxy: every upstream is reached directly. */
    public static final EgressProxy NONE = new EgressProxy(null, null, List.of());

    /** Where a connection goes first, and how it authenticates there. */
    public record Route(String host, int port, String authorization, String variable) {
        /** {@code http://host:port (VARIABLE)}: no credentials. */
        public String shown() {
            return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + " (" + variable + ")";
        }

        /** The user and password of a proxy URL that had them ({@code [user, password]}), or null. */
        public String[] credentials() {
            if (authorization == null) {
                return null;
            }
            String both = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                    StandardCharsets.UTF_8);
            int colon = both.indexOf(':');
            return new String[] {both.substring(0, colon), both.substring(colon + 1)};
        }

        @Override
        public String toString() {
            return shown();
        }
    }

    /** The proxy refused to open a tunnel (or answered the CONNECT with something else): in words. */
    public static final class RefusedException extends IOException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** The proxy itself could not be reached: in words, naming the proxy rather than the upstream. */
    public static final class UnreachableException extends IOException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Route https;
    private final Route http;
    private final List<String> noProxy;

    private EgressProxy(Route https, Route http, List<String> noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /** From the environment's proxy variables; refuses a proxy URL Signalbox cannot use, saying how to fix it. */
    public static EgressProxy from(Env env) {
        Route https = route(env, "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY");
        Route http = route(env, "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY");
        String list = first(env, "no_proxy", "NO_PROXY").map(Var::value).orElse("");
        List<String> entries = new ArrayList<>();
        for (String e : list.split(",")) {
            String t = e.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                entries.add(t);
            }
        }
        if ((https != null && https.authorization() != null) || (http != null && http.authorization() != null)) {
            // The JDK's HTTP client (the preflight's) sends Basic credentials for a CONNECT tunnel only when this
            // property names no scheme; it is read once, when that client first authenticates, so set it early
            // (here, when the configuration is read at start-up) unless the user set it.
            if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
                System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
            }
        }
        return https == null && http == null ? NONE : new EgressProxy(https, http, List.copyOf(entries));
    }

    /** For a start-up line: which proxy for which scheme, and what is reached directly (no credentials). */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (https != null && http != null && https.equals(http)) {
            parts.add(https.shown() + " for https:// and http://");
        } else {
            if (https != null) {
                parts.add(https.shown() + " for https://");
            }
            if (http != null) {
                parts.add(http.shown() + " for http://");
            }
        }
        return String.join(", ", parts) + "; directly: loopback" + (noProxy.isEmpty() ? "" : ", " + String.join(",", noProxy));
    }

    /** True when no proxy is configured. */
    public boolean isNone() {
        return https == null && http == null;
    }

    /** The proxy a request to {@code target} goes through, or null for a direct connection. */
    public Route route(URI target) {
        boolean tls = "https".equalsIgnoreCase(target.getScheme());
        Route r = tls ? https : http;
        return r == null || direct(target.getHost()) ? null : r;
    }

    /** The proxy for an {@code https://} host, or null. */
    public Route routeHttps(String host) {
        return https == null || direct(host) ? null : https;
    }

    /** This configuration for the JDK's HTTP client: which proxy each URI goes through. */
    public java.net.ProxySelector selector() {
        return new java.net.ProxySelector() {
            @Override
            public List<java.net.Proxy> select(URI uri) {
                Route r = route(uri);
                return List.of(r == null ? java.net.Proxy.NO_PROXY : new java.net.Proxy(java.net.Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(r.host(), r.port())));
            }

            @Override
            public void connectFailed(URI uri, java.net.SocketAddress sa, IOException ioe) {
                // the failure reaches the caller as it is
            }
        };
    }

    /** The proxy credentials for the JDK's HTTP client (null when no proxy URL has any). */
    public java.net.Authenticator authenticator() {
        if ((https == null || https.authorization() == null) && (http == null || http.authorization() == null)) {
            return null;
        }
        return new java.net.Authenticator() {
            @Override
            protected java.net.PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    return null;
                }
                for (Route r : new Route[] {https, http}) {
                    if (r != null && r.credentials() != null && r.host().equalsIgnoreCase(getRequestingHost())
                            && r.port() == getRequestingPort()) {
                        String[] c = r.credentials();
                        return new java.net.PasswordAuthentication(c[0], c[1].toCharArray());
                    }
                }
                return null;
            }
        };
    }

    private boolean direct(String rawHost) {
        if (rawHost == null) {
            return true;
        }
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (loopback(host)) {
            return true;
        }
        for (String e : noProxy) {
            if (matches(e, host)) {
                return true;
            }
        }
        return false;
    }

    static boolean loopback(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1") || (ipv4(host) != null && host.startsWith("127."));
    }

    /** One NO_PROXY entry against a lowercase host (no brackets). */
    static boolean matches(String entry, String host) {
        String e = entry;
        if (e.equals("*")) {
            return true;
        }
        if (e.startsWith("[")) {
            int end = e.indexOf(']');
            e = end > 0 ? e.substring(1, end) : e;
        } else if (e.indexOf(':') == e.lastIndexOf(':') && e.indexOf(':') > 0) {
            e = e.substring(0, e.indexOf(':')); // host:port — the port is not considered
        }
        int slash = e.indexOf('/');
        if (slash > 0) {
            long[] net = cidr(e.substring(0, slash), e.substring(slash + 1));
            long[] ip = ipv4(host);
            return net != null && ip != null && (ip[0] & net[1]) == (net[0] & net[1]);
        }
        if (e.startsWith("*.")) {
            e = e.substring(1);
        }
        if (e.startsWith(".")) {
            return host.endsWith(e) || host.equals(e.substring(1));
        }
        return host.equals(e) || host.endsWith("." + e);
    }

    private static long[] cidr(String address, String bits) {
        long[] ip = ipv4(address);
        try {
            int n = Integer.parseInt(bits);
            if (ip == null || n < 0 || n > 32) {
                return null;
            }
            return new long[] {ip[0], n == 0 ? 0 : (0xFFFFFFFFL << (32 - n)) & 0xFFFFFFFFL};
        } catch (NumberFormatException x) {
            return null;
        }
    }

    /** A dotted IPv4 address as one number (in a one-element array), or null. */
    private static long[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int b = Integer.parseInt(p);
            if (b > 255) {
                return null;
            }
            v = (v << 8) | b;
        }
        return new long[] {v};
    }

    private record Var(String name, String value) {
    }

    private static Optional<Var> first(Env env, String... names) {
        for (String n : names) {
            Optional<String> v = env.get(n).map(String::strip).filter(s -> !s.isEmpty());
            if (v.isPresent()) {
                return Optional.of(new Var(n, v.get()));
            }
        }
        return Optional.empty();
    }

    private static Route route(Env env, String... names) {
        Optional<Var> v = first(env, names);
        if (v.isEmpty()) {
            return null;
        }
        String name = v.get().name();
        String raw = v.get().value();
        String fix = "point " + name + " at the proxy's http:// address (http://[user:password@]host:port), or leave it"
                + " unset for Signalbox";
        URI u;
        try {
            u = new URI(raw.contains("://") ? raw : "http://" + raw);
        } catch (URISyntaxException e) {
            throw new SignalboxException(name + " is not a URL Signalbox can use as an HTTP proxy (" + e.getReason() + ")",
                    fix);
        }
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            throw new SignalboxException(name + " names a " + u.getScheme() + ":// proxy; Signalbox reaches providers"
                    + " through an HTTP proxy (http://host:port) only", fix);
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new SignalboxException(name + " names no proxy host", fix);
        }
        String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
        String auth = null;
        if (u.getRawUserInfo() != null) {
            String ui = u.getRawUserInfo();
            int colon = ui.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? ui : ui.substring(0, colon), StandardCharsets.UTF_8);
            String pass = colon < 0 ? "" : URLDecoder.decode(ui.substring(colon + 1).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
        }
        return new Route(host, u.getPort() < 0 ? 80 : u.getPort(), auth, name);
    }

    /** Connects {@code socket} to the proxy of {@code via} (the connect timeout applies), worded when it cannot. */
    public static void connect(Socket socket, Route via, int timeoutMillis) throws IOException {
        try {
            socket.connect(new InetSocketAddress(via.host(), via.port()), timeoutMillis);
        } catch (SocketTimeoutException e) {
            throw new UnreachableException("cannot reach the HTTP proxy " + via.shown() + ": no connection within "
                    + timeoutMillis / 1000 + " s; check " + via.variable() + " and that the proxy runs", e);
        } catch (java.net.UnknownHostException | java.nio.channels.UnresolvedAddressException e) {
            throw new UnreachableException("cannot reach the HTTP proxy " + via.shown() + ": its host name does not"
                    + " resolve; check " + via.variable(), e);
        } catch (IOException e) {
            throw new UnreachableException("cannot reach the HTTP proxy " + via.shown() + ": "
                    + (e.getMessage() == null ? "connection failed" : e.getMessage().toLowerCase(Locale.ROOT))
                    + "; check " + via.variable() + " and that the proxy runs", e);
        }
    }

    /**
     * Asks the proxy {@code socket} is connected to for a tunnel to {@code host:port} (HTTP CONNECT);
     * returns when the tunnel is open. The answer's head is read byte by byte, so nothing of what
     * follows it is consumed.
     */
    public static void tunnel(Socket socket, String host, int port, Route via, int timeoutMillis) throws IOException {
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        StringBuilder req = new StringBuilder("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ")
                .append(authority).append("\r\n");
        if (via.authorization() != null) {
            req.append("Proxy-Authorization: ").append(via.authorization()).append("\r\n");
        }
        req.append("\r\n");
        int before = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        String head;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            head = readHead(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new UnreachableException("the HTTP proxy " + via.shown() + " did not answer the request for a tunnel to "
                    + authority + " within " + timeoutMillis / 1000 + " s", e);
        }
        socket.setSoTimeout(before);
        String status = head == null ? "" : head.lines().findFirst().orElse("");
        String[] parts = status.split(" ", 3);
        int code = parts.length >= 2 && parts[0].startsWith("HTTP/") ? parseCode(parts[1]) : -1;
        if (code / 100 == 2) {
            return;
        }
        String shown = io.signalbox.common.Printable.of(status.length() > 120 ? status.substring(0, 120) : status);
        if (code == 407) {
            throw new RefusedException("the HTTP proxy " + via.shown() + " wants credentials for the tunnel to " + authority
                    + " (" + shown + "); " + (via.authorization() == null ? "put them in " + via.variable()
                            + " (http://user:password@host:port)" : "check the user and password in " + via.variable()));
        }
        if (code < 0) {
            throw new RefusedException("the HTTP proxy " + via.shown() + " did not answer the request for a tunnel to "
                    + authority + " as an HTTP proxy" + (status.isEmpty() ? " (it closed the connection)" : " (" + shown + ")")
                    + "; check " + via.variable());
        }
        throw new RefusedException("the HTTP proxy " + via.shown() + " refused the tunnel to " + authority + " (" + shown
                + "); ask its administrators to allow it, or add the host to NO_PROXY if it is reachable directly");
    }

    private static int parseCode(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The answer's head (up to the blank line), or null when the connection ended before one. At most 64 KiB. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        int state = 0;
        while (b.size() < 64 * 1024) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            b.write(c);
            state = switch (state) {
                case 0 -> c == '\r' ? 1 : 0;
                case 1 -> c == '\n' ? 2 : c == '\r' ? 1 : 0;
                case 2 -> c == '\r' ? 3 : 0;
                case 3 -> c == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
