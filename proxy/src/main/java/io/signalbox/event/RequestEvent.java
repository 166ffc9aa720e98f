package io.signalbox.event;

/**
 * One step in a proxied request's life. Events carry no prompt text and no secrets: only what
 * the request log and the usage store need.
 *
 * @param requestId      unique per proxy run
 * @param kind           which step
 * @param method         HTTP method the client used
 * @param path           the path the client asked for (no query string)
 * @param profile        the profile the request was routed to (null before {@link Kind#ROUTED})
 * @param requestedModel the model the client asked for (null when none)
 * @param upstreamModel  the model sent upstream after rewriting (null when none)
 * @param status         the HTTP status sent to the client (0 until known)
 * @param latencyMs      milliseconds since the request was received
 * @param ttfbMs         milliseconds from receipt to the first upstream byte (-1 until known)
 * @param bytes          response bytes written to the client so far
 * @param error          a short description of the failure ({@link Kind#FAILED} only)
 * @param usage          tokens and timings of a finished request (terminal events of proxied
 *                       requests only, else null)
 */
public record RequestEvent(
        long requestId,
        Kind kind,
        String method,
        String path,
        String profile,
        String requestedModel,
        String upstreamModel,
        int status,
        long latencyMs,
        long ttfbMs,
        long bytes,
        String error,
        UsageReport usage) {

    /** An event without usage (every step before the end). */
    public RequestEvent(long requestId, Kind kind, String method, String path, String profile, String requestedModel,
            String upstreamModel, int status, long latencyMs, long ttfbMs, long bytes, String error) {
        this(requestId, kind, method, path, profile, requestedModel, upstreamModel, status, latencyMs, ttfbMs, bytes,
                error, null);
    }

    public enum Kind {
        /** The proxy accepted the request (after local authentication). */
        RECEIVED,
        /** A profile and upstream model were chosen. */
        ROUTED,
        /** The upstream's response headers arrived. */
        FIRST_BYTE,
        /** The response was relayed to the end (whatever its status). */
        COMPLETED,
        /** The request ended without a complete response (bad request, upstream down, client gone, ...). */
        FAILED
    }

    public boolean isTerminal() {
        return kind == Kind.COMPLETED || kind == Kind.FAILED;
    }
}
