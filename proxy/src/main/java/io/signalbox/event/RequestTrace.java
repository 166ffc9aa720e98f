package io.signalbox.event;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What is known about one request so far; each step publishes an event built from it. Owned by
 * the request's thread (not shared).
 */
public final class RequestTrace {
    private static final AtomicLong IDS = new AtomicLong();

    private final RequestEvents events;
    private final long id = IDS.incrementAndGet();
    private final long startNanos;
    private final String method;
    private final String path;
    private String profile;
    private String requestedModel;
    private String upstreamModel;
    private int status;
    private long ttfbNanos = -1;
    private long bytes;
    private boolean ended;
    private java.util.function.Supplier<UsageReport> usage;

    public RequestTrace(RequestEvents events, String method, String path) {
        this(events, method, path, System.nanoTime());
    }

    /** A request that began at {@code startNanos} ({@link System#nanoTime()}), before its trace was made. */
    public RequestTrace(RequestEvents events, String method, String path, long startNanos) {
        this.startNanos = startNanos;
        this.events = events;
        this.method = method;
        this.path = path;
    }

    public long id() {
        return id;
    }

    /** Where the terminal event takes its {@link UsageReport} from (asked once, at the end). */
    public void attachUsage(java.util.function.Supplier<UsageReport> source) {
        this.usage = source;
    }

    public void received() {
        publish(RequestEvent.Kind.RECEIVED, null);
    }

    public void routed(String profileName, String requested, String upstream) {
        this.profile = profileName;
        this.requestedModel = requested;
        this.upstreamModel = upstream;
        publish(RequestEvent.Kind.ROUTED, null);
    }

    public void firstByte(int upstreamStatus) {
        this.status = upstreamStatus;
        this.ttfbNanos = System.nanoTime() - startNanos;
        publish(RequestEvent.Kind.FIRST_BYTE, null);
    }

    public void addBytes(long n) {
        bytes += n;
    }

    public void completed(int finalStatus) {
        if (!ended) {
            ended = true;
            this.status = finalStatus;
            publish(RequestEvent.Kind.COMPLETED, null);
        }
    }

    public void failed(int finalStatus, String error) {
        if (!ended) {
            ended = true;
            this.status = finalStatus;
            publish(RequestEvent.Kind.FAILED, error);
        }
    }

    public boolean ended() {
        return ended;
    }

    private void publish(RequestEvent.Kind kind, String error) {
        boolean terminal = kind == RequestEvent.Kind.COMPLETED || kind == RequestEvent.Kind.FAILED;
        if (!terminal && !events.wantsNonTerminal()) {
            return;
        }
        events.publish(new RequestEvent(id, kind, method, path, profile, requestedModel, upstreamModel, status,
                (System.nanoTime() - startNanos) / 1_000_000, ttfbNanos < 0 ? -1 : ttfbNanos / 1_000_000, bytes, error,
                terminal && usage != null ? usage.get() : null));
    }
}
