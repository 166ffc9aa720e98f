package io.signalbox.server;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.signalbox.event.RequestEvents;
import io.signalbox.event.RequestTrace;
import io.signalbox.forward.ErrorReply;
import java.nio.charset.StandardCharsets;

/**
 * Connections that do not open with an HTTP/1.1 request line. Left to the web server, these were
 * closed without a word (HTTP/1.0 — {@code curl --http1.0}, ApacheBench — or a request line ending in
 * a bare LF) or held open waiting for a request line that never comes (a TLS handshake from a client
 * set to {@code https://}, text that is not HTTP) until the client gave up. {@link ClientConnections}
 * looks at each new connection's first bytes with {@link #kind}; such a connection is answered here
 * with an Anthropic-shaped error that names the problem and the fix, published as a failed request
 * (serve's request log, the app's live log), and closed. A connection that opens with an HTTP/1.1
 * request line (or with too few bytes to tell) goes to the HTTP/1.1 server untouched; this is
 * looked at once per connection, never per request.
 */
final class ForeignProtocols {
    /** The longest request line the HTTP/1.1 server accepts (its default, as configured in {@link ProxyServer}). */
    static final int MAX_REQUEST_LINE_BYTES = ProtocolRejections.MAX_REQUEST_LINE_BYTES;

    /** What the first bytes of a connection are. */
    enum Kind {
        /** An HTTP/1.1 request line, or too little to tell: the HTTP/1.1 server's. */
        HTTP_1_1,
        TLS,
        HTTP2_PRIOR_KNOWLEDGE,
        /** A well-formed request line of another HTTP version (1.0, 0.9 with a version, 2, 3). */
        OTHER_VERSION,
        /** An HTTP/1.1 request line that ends in a bare LF instead of CRLF. */
        BARE_LF,
        /** No line end within the request-line limit. */
        LINE_TOO_LONG,
        NOT_HTTP
    }

    record Verdict(Kind kind, int status, String reason, String type, String message, String version) {
    }

    private ForeignProtocols() {
    }

    /**
     * The bytes the verdict needs: the first line with its line end when one has arrived (a request
     * line over the limit is the HTTP/1.1 server's to refuse), else what arrived, up to just past the
     * request-line limit.
     */
    static byte[] head(BufferData data) {
        int nl = data.indexOf((byte) '\n');
        byte[] head = new byte[nl >= 0 ? nl + 1 : Math.min(data.available(), MAX_REQUEST_LINE_BYTES + 2)];
        data.read(head);
        return head;
    }

    /** What {@code b[0..len)}, the first bytes a client sent, are. */
    static Kind kind(byte[] b, int len) {
        if (len == 0) {
            return Kind.HTTP_1_1;
        }
        if (b[0] == 0x16 && (len == 1 || b[1] == 0x03)) {
            return Kind.TLS; // a TLS handshake record
        }
        int nl = -1;
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            if (!startsLikeARequestLine(b, len)) {
                return Kind.NOT_HTTP;
            }
            return len > MAX_REQUEST_LINE_BYTES ? Kind.LINE_TOO_LONG : Kind.HTTP_1_1;
        }
        boolean crlf = nl > 0 && b[nl - 1] == '\r';
        String line = new String(b, 0, crlf ? nl - 1 : nl, StandardCharsets.ISO_8859_1);
        if (line.endsWith(" HTTP/1.1")) {
            // Whatever its method and target: the HTTP/1.1 server judges those (and answers for them).
            return crlf ? Kind.HTTP_1_1 : Kind.BARE_LF;
        }
        if (line.equals("PRI * HTTP/2.0")) {
            return Kind.HTTP2_PRIOR_KNOWLEDGE;
        }
        return version(line) == null ? Kind.NOT_HTTP : Kind.OTHER_VERSION;
    }

    /** The version of a request line {@code METHOD SP target SP HTTP/x[.y]}, or null when it is not one. */
    static String version(String line) {
        int sp1 = line.indexOf(' ');
        int sp2 = line.lastIndexOf(' ');
        if (sp1 <= 0 || sp2 <= sp1 + 1 || !isToken(line, 0, sp1)) {
            return null;
        }
        String v = line.substring(sp2 + 1);
        return v.matches("HTTP/[0-9](\\.[0-9])?") ? v : null;
    }

    /** True while {@code b} can still be the start of {@code METHOD SP}: a method is letters. */
    private static boolean startsLikeARequestLine(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            byte c = b[i];
            if (c == ' ') {
                return i > 0;
            }
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_')) {
                return false;
            }
            if (i >= 32) {
                return false; // no method is this long
            }
        }
        return true;
    }

    private static boolean isToken(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The answer for a connection whose first bytes are {@code b[0..len)}; {@code port} is the proxy's. */
    static Verdict verdict(byte[] b, int len, int port) {
        Kind k = kind(b, len);
        String base = "http://127.0.0.1:" + port;
        return switch (k) {
            case TLS -> new Verdict(k, 400, "Bad Request", "invalid_request_error",
                    "the client opened a TLS (https://) connection, but Signalbox's proxy speaks plain HTTP on"
                            + " 127.0.0.1; set the client's base URL to " + base + " (http, not https)"
                            + "; `signalbox use NAME` writes it for Claude Code and Codex", null);
            case HTTP2_PRIOR_KNOWLEDGE -> new Verdict(k, 505, "HTTP Version Not Supported", "invalid_request_error",
                    "the client spoke HTTP/2 without TLS (prior knowledge), but Signalbox's proxy speaks HTTP/1.1;"
                            + " let the client use HTTP/1.1 (for curl, drop --http2-prior-knowledge)", "HTTP/2");
            case OTHER_VERSION -> {
                String v = version(firstLine(b, len));
                yield new Verdict(k, 505, "HTTP Version Not Supported", "invalid_request_error",
                        "the request came as " + v + ", but Signalbox's proxy speaks HTTP/1.1; send it over HTTP/1.1"
                                + (v.equals("HTTP/1.0") ? " (for curl, drop --http1.0; ApacheBench speaks only HTTP/1.0:"
                                        + " measure with wrk, hey or oha instead)" : ""), v);
            }
            case BARE_LF -> new Verdict(k, 400, "Bad Request", "invalid_request_error",
                    "the request's lines end in a bare LF; HTTP/1.1 lines end in CRLF (\\r\\n): send them that way", null);
            case LINE_TOO_LONG -> new Verdict(k, 414, "URI Too Long", "invalid_request_error",
                    "the request line (method, path and query) is longer than Signalbox accepts ("
                            + MAX_REQUEST_LINE_BYTES / 1024 + " KB); send the request to /v1/messages with a short query", null);
            case NOT_HTTP -> new Verdict(k, 400, "Bad Request", "invalid_request_error",
                    "the connection did not open with an HTTP/1.1 request line (METHOD /path HTTP/1.1);"
                            + " point only HTTP clients at " + base + ", as Claude Code and Codex do", null);
            case HTTP_1_1 -> throw new IllegalArgumentException("an HTTP/1.1 connection is not refused");
        };
    }

    private static String firstLine(byte[] b, int len) {
        int end = 0;
        while (end < len && b[end] != '\n') {
            end++;
        }
        if (end > 0 && b[end - 1] == '\r') {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** The HTTP/1.1 response that carries a verdict (the client is told the connection closes). */
    static byte[] response(Verdict v) {
        byte[] body = ErrorReply.body(v.type(), v.message());
        String head = "HTTP/1.1 " + v.status() + " " + v.reason() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /**
     * Answers a connection whose first bytes are {@code head} (not HTTP/1.1) and publishes it as a
     * failed request; the web server then closes the connection.
     */
    static void refuse(ConnectionContext ctx, RequestEvents events, byte[] head) {
        Verdict v = verdict(head, head.length, ctx.localPeer().port());
        // Never the bytes themselves: a request line can carry a token in its query.
        new RequestTrace(events, "-", "-").failed(v.status(), v.message());
        try {
            ctx.dataWriter().writeNow(BufferData.create(response(v)));
        } catch (RuntimeException e) {
            // the client is already gone; nothing to tell it
        }
    }
}
