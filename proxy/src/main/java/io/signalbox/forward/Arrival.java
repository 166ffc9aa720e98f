package io.signalbox.forward;

/**
 * Whether a client connection's current request is still arriving (its request line came, its
 * headers or body not yet whole), and since when. The web server's idle sweep closes a connection
 * that waits for its next request too long, but not one stuck inside a request, nor one that never
 * sent a byte; with this the proxy tells "the client stopped sending midway" (close it) from "the
 * request is whole and its answer is on its way" (never cut, however long the upstream takes).
 *
 * <p>One per client connection, bound to the connection's thread for its whole life (the web
 * server reads, routes and answers a connection's requests on that one thread); its marks are two
 * volatile writes per request. The sweep reads it from its own thread.
 */
public final class Arrival {
    private static final ScopedValue<Arrival> CURRENT = ScopedValue.newInstance();

    /** What of the current request is still awaited. */
    public enum Awaiting {
        /** Nothing: between requests (the web server's own idle sweep covers this), or the request is whole. */
        NOTHING,
        HEADERS,
        BODY
    }

    private volatile Awaiting awaiting = Awaiting.NOTHING;
    /** {@link System#nanoTime()} when the current request's line arrived. */
    private volatile long since;
    /** {@link System#nanoTime()} when the current request last showed progress: its line, or a piece of its body. */
    private volatile long heard;
    /** Why the connection was closed while a request was arriving, or null. */
    private volatile String cutOff;
    /** Whether the current request's failure has been published (so it is published once). */
    private volatile boolean reported;
    private volatile io.helidon.http.HttpPrologue line;

    /**
     * What the log says for a request whose client closed the connection before sending all of it
     * (a body shorter than its Content-Length, headers cut off).
     */
    public static final String CLIENT_GONE = "the client closed the connection before it sent the whole request"
            + " (a body shorter than its Content-Length); nothing was forwarded, and a client that retries sends it whole";

    /** True when {@code t}, or what caused it, is the web server running out of request bytes: the client closed mid-request. */
    public static boolean clientClosed(Throwable t) {
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof io.helidon.common.buffers.DataReader.InsufficientDataAvailableException) {
                return true;
            }
        }
        return false;
    }

    /** What the log says for a request whose client closed the connection while its headers were coming. */
    public static final String CLIENT_GONE_IN_HEADERS = "the client closed the connection before it sent the whole"
            + " request (its headers stopped midway); nothing was forwarded, and a client that retries sends it whole";

    /** What the current thread's connection awaits of its request now, or null when the thread serves none. */
    public static Awaiting awaitingNow() {
        Arrival a = current();
        return a == null ? null : a.awaiting;
    }

    /** The request line of the request whose headers the current thread's connection is receiving, or null. */
    public static io.helidon.http.HttpPrologue lineAwaitingHeaders() {
        Arrival a = current();
        return a == null || a.awaiting != Awaiting.HEADERS ? null : a.line;
    }

    /** Runs {@code op} (a connection's whole life) with this as the thread's arrival. */
    public <R, X extends Throwable> R bind(ScopedValue.CallableOp<R, X> op) throws X {
        return ScopedValue.where(CURRENT, this).call(op);
    }

    /** The current thread's arrival, or null when the thread serves no client connection. */
    private static Arrival current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    /** A request line has arrived ({@code line}); its headers are awaited. */
    public static void requestLine(io.helidon.http.HttpPrologue line) {
        Arrival a = current();
        if (a != null) {
            a.line = line;
            a.reported = false;
            long now = System.nanoTime();
            a.since = now;
            a.heard = now;
            a.awaiting = Awaiting.HEADERS;
        }
    }

    /** The headers have arrived; a body is awaited when {@code body}, else the request is whole. */
    public static void headers(boolean body) {
        Arrival a = current();
        if (a != null) {
            a.awaiting = body ? Awaiting.BODY : Awaiting.NOTHING;
        }
    }

    /**
     * A piece of the body has arrived: the clock of {@link #silentNanos} starts again, so a slow upload
     * whose bytes keep coming is never taken for a stalled one.
     */
    public static void bodyArriving() {
        Arrival a = current();
        if (a != null) {
            a.heard = System.nanoTime();
        }
    }

    /** The body has been read to its end: the request is whole. */
    public static void bodyRead() {
        Arrival a = current();
        if (a != null) {
            a.awaiting = Awaiting.NOTHING;
        }
    }

    /**
     * Why the current thread's connection was closed while its request was arriving, the first time
     * this is asked for that request (then the failure counts as published); else null.
     */
    public static String takeCutOff() {
        Arrival a = current();
        if (a == null || a.cutOff == null || a.reported) {
            return null;
        }
        a.reported = true;
        return a.cutOff;
    }

    /** The current request's failure has been published: later layers that see it fail stay quiet. */
    public static void reported() {
        Arrival a = current();
        if (a != null) {
            a.reported = true;
        }
    }

    /** Whether the current request's failure has been published already. */
    public static boolean wasReported() {
        Arrival a = current();
        return a != null && a.reported;
    }

    /** The request line of the current (or last) request, or null before the first. */
    public io.helidon.http.HttpPrologue line() {
        return line;
    }

    /** {@link System#nanoTime()} when the current (or last) request's line arrived. */
    public long since() {
        return since;
    }

    /** What is awaited now. */
    public Awaiting awaiting() {
        return awaiting;
    }

    /**
     * How long the current request has been arriving without progress at {@code nowNanos}: since its
     * line while its headers are awaited, since its latest piece of body while the body is; 0 when it
     * is not arriving.
     */
    public long silentNanos(long nowNanos) {
        return awaiting == Awaiting.NOTHING ? 0 : nowNanos - heard;
    }

    /** Marks the connection as closed because its request stopped arriving ({@code why}), before its thread is interrupted. */
    public void cutOff(String why) {
        cutOff = why;
    }

    /** Why the connection was cut off, or null. */
    public String cutOffReason() {
        return cutOff;
    }
}
