package io.signalbox.server;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.signalbox.event.RequestEvents;
import io.signalbox.event.RequestTrace;
import io.signalbox.forward.Arrival;
import io.signalbox.forward.ErrorReply;
import java.util.Locale;

/**
 * Requests the web server refuses before any route sees them (headers over the size limit, a request
 * line too long, a Content-Length that is not a number, no or two Host headers, a malformed chunk):
 * without this, the client got a bare status with an empty body and nothing was logged. Each now gets
 * an Anthropic-shaped error that says what is wrong and what to do, and one line in the request log.
 * Neither ever repeats a header value or the server's own message, which can quote the request (a
 * token, a cookie); only the kind of problem is named. The connection is closed afterwards, as the
 * server does for these.
 */
final class ProtocolRejections implements DirectHandler {
    /** Helidon's limits for HTTP/1.1 requests, as configured in {@link ProxyServer}. */
    static final int MAX_HEADERS_BYTES = 16 * 1024;
    static final int MAX_REQUEST_LINE_BYTES = 4 * 1024;

    static final Status HEADERS_TOO_LARGE = Status.create(431, "Request Header Fields Too Large");

    record Verdict(Status status, String type, String message) {
    }

    private final RequestEvents events;

    /** Each refusal is published to {@code events} as a failed request (no usage), for the logs. */
    ProtocolRejections(RequestEvents events) {
        this.events = events;
    }

    @Override
    public TransportResponse handle(TransportRequest req, EventType event, Status status,
            ServerResponseHeaders headers, Throwable thrown, System.Logger logger) {
        if (clientClosedMidRequest(thrown)) {
            return reply(req, CLIENT_GONE, headers);
        }
        return reply(req, event, status, headers, thrown == null ? null : thrown.getMessage());
    }

    /**
     * The client closed its connection before it sent the whole request (a body shorter than its
     * Content-Length, headers cut off): the web server's "internal error" for this is the client's
     * doing, and nobody is left to read the answer; only the log line matters.
     */
    static final Verdict CLIENT_GONE = new Verdict(Status.BAD_REQUEST_400, "invalid_request_error", Arrival.CLIENT_GONE);
    static final Verdict CLIENT_GONE_IN_HEADERS = new Verdict(Status.BAD_REQUEST_400, "invalid_request_error",
            Arrival.CLIENT_GONE_IN_HEADERS);

    /** True when {@code t}, or what caused it, is the web server running out of request bytes. */
    static boolean clientClosedMidRequest(Throwable t) {
        return Arrival.clientClosed(t);
    }

    @Override
    public TransportResponse handle(TransportRequest req, EventType event, Status status,
            ServerResponseHeaders headers, String message) {
        return reply(req, event, status, headers, message);
    }

    private TransportResponse reply(TransportRequest req, EventType event, Status status,
            ServerResponseHeaders headers, String serverMessage) {
        if (status.code() >= 500 && Arrival.awaitingNow() == Arrival.Awaiting.HEADERS) {
            // The web server says only "Internal error" when the socket ended inside the headers; the
            // connection's arrival knows they were still coming: the client hung up, nothing failed.
            return reply(req, CLIENT_GONE_IN_HEADERS, headers);
        }
        return reply(req, classify(event, status, serverMessage), headers);
    }

    private TransportResponse reply(TransportRequest req, Verdict v, ServerResponseHeaders headers) {
        String method = req == null || req.method() == null || req.method().isEmpty() ? "-" : req.method();
        String path = req == null || req.path() == null || req.path().isEmpty() ? "-" : req.path();
        io.helidon.http.HttpPrologue line = Arrival.lineAwaitingHeaders();
        if (method.equals("-") && line != null) {
            // the web server passes no request line when the headers failed; the connection's arrival has it
            method = line.method().text();
            path = line.uriPath().rawPath();
        }
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        // A request whose failure was published already (by its route, or as cut off) is not logged twice.
        String cut = Arrival.takeCutOff();
        if (cut != null) {
            new RequestTrace(events, method, path).failed(408, cut);
        } else if (!Arrival.wasReported()) {
            new RequestTrace(events, method, path).failed(v.status.code(), v.message);
        }
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        return TransportResponse.builder()
                .status(v.status)
                .headers(headers)
                .keepAlive(false)
                .entity(ErrorReply.body(v.type, v.message))
                .build();
    }

    /** What went wrong, in words, from the event and the server's message (which is never repeated). */
    static Verdict classify(EventType event, Status status, String serverMessage) {
        String m = serverMessage == null ? "" : serverMessage.toLowerCase(Locale.ROOT);
        if (m.contains("header") && (m.contains("size") || m.contains("too large") || m.contains("too long")
                || m.contains("exceed") || m.contains("maximum") || m.contains("limit"))) {
            return new Verdict(HEADERS_TOO_LARGE, "invalid_request_error",
                    "the request's headers are larger than Signalbox accepts (" + MAX_HEADERS_BYTES / 1024 + " KB in all);"
                            + " look for an oversized header the client adds, such as one set through"
                            + " ANTHROPIC_CUSTOM_HEADERS, and make it smaller");
        }
        if (m.contains("prologue") || m.contains("request line") || m.contains("uri too long")) {
            return new Verdict(Status.REQUEST_URI_TOO_LONG_414, "invalid_request_error",
                    "the request line (method, path and query) is longer than Signalbox accepts ("
                            + MAX_REQUEST_LINE_BYTES / 1024 + " KB); send the request to /v1/messages with a short query");
        }
        // How the body is framed decides where the next request starts: an ambiguous framing is how a
        // request is smuggled past a proxy, so each kind is named (and the connection closed).
        if (m.contains("transfer-encoding and content-length")) {
            return new Verdict(Status.BAD_REQUEST_400, "invalid_request_error",
                    "the request has both a Content-Length and a Transfer-Encoding header, which HTTP/1.1 does not"
                            + " allow (two ways to say where the body ends); send only one of them");
        }
        if (m.contains("content-length header must have exactly one value")) {
            return new Verdict(Status.BAD_REQUEST_400, "invalid_request_error",
                    "the request has more than one Content-Length header; send exactly one, with the body's size in bytes");
        }
        if (m.contains("transfer-encoding") || m.contains("transfer encoding")) {
            return new Verdict(status.code() == 501 ? Status.NOT_IMPLEMENTED_501 : Status.BAD_REQUEST_400,
                    "invalid_request_error",
                    "the request's Transfer-Encoding is not one Signalbox accepts (only \"chunked\", alone); send the"
                            + " body uncompressed, with a Content-Length or as \"Transfer-Encoding: chunked\"");
        }
        if (m.contains("content-length") || m.contains("content length")) {
            return new Verdict(Status.BAD_REQUEST_400, "invalid_request_error",
                    "the request's Content-Length header is not a valid length; send the body's size in bytes"
                            + " (a client library does this by itself)");
        }
        if (m.contains("host header")) {
            return new Verdict(Status.BAD_REQUEST_400, "invalid_request_error",
                    "the request needs exactly one Host header, naming 127.0.0.1 or localhost and the proxy's port");
        }
        if (m.contains("chunk")) {
            return new Verdict(Status.BAD_REQUEST_400, "invalid_request_error", io.signalbox.forward.RequestBody.MALFORMED_CHUNKS);
        }
        if (event == EventType.PAYLOAD_TOO_LARGE || status.code() == 413) {
            return new Verdict(Status.REQUEST_ENTITY_TOO_LARGE_413, "request_too_large",
                    "the request body is larger than Signalbox accepts; send a smaller request, or raise the limit"
                            + " for serve with SIGNALBOX_MAX_BODY_MB");
        }
        if (event == EventType.HTTP_VERSION_NOT_SUPPORTED) {
            return new Verdict(Status.HTTP_VERSION_NOT_SUPPORTED_505, "invalid_request_error",
                    "Signalbox's proxy speaks HTTP/1.1; send the request over HTTP/1.1");
        }
        if (status.code() >= 500) {
            // A client that hung up inside the headers is told apart before this (see reply): this is a failure.
            return new Verdict(status, "api_error",
                    "the proxy failed while reading this request (serve's warning right after this line names the"
                            + " exception); try again, and if it repeats, report it with the log lines");
        }
        return new Verdict(status.code() >= 400 ? status : Status.BAD_REQUEST_400, "invalid_request_error",
                "the proxy could not read this request as HTTP/1.1 (a malformed request line or header);"
                        + " send a well-formed HTTP/1.1 request, as Claude Code and Codex do");
    }
}
