package io.signalbox.forward;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * The start of a provider's stream, read before anything is sent to the client: up to the end of its
 * first event that is more than comments (a provider may send {@code : processing} lines while the
 * model starts). A provider that is overloaded can answer 200 and then say so in that first event; the
 * request can still go to a fallback then, because the client has not been answered yet. The bytes read
 * are relayed first, as they came ({@link #then}), so nothing is lost and no later event waits.
 */
final class StreamHead {
    /** No first event larger than this is waited for: what was read is relayed, and the stream with it. */
    static final int MAX = 64 * 1024;
    /**
     * Comments are held back no longer than this: a provider that keeps sending {@code : processing}
     * while a request waits in its queue keeps the connection alive for the client too, once this has passed.
     */
    static final long MAX_COMMENTS_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final byte[] bytes;
    private final int eventStart;
    private final int eventEnd;
    private final boolean ended;

    private StreamHead(byte[] bytes, int eventStart, int eventEnd, boolean ended) {
        this.bytes = bytes;
        this.eventStart = eventStart;
        this.eventEnd = eventEnd;
        this.ended = ended;
    }

    /**
     * Reads up to the end of the first event (the bytes that came with it too), the stream's end,
     * {@link #MAX}, or — while only comments came — {@link #MAX_COMMENTS_NANOS}.
     */
    static StreamHead read(InputStream in) throws IOException {
        return read(in, System::nanoTime);
    }

    static StreamHead read(InputStream in, java.util.function.LongSupplier nanos) throws IOException {
        long started = nanos.getAsLong();
        byte[] buf = new byte[1024];
        int len = 0;
        int scanned = 0;
        int start = 0; // where the event being scanned starts
        boolean newline = false;
        boolean field = false; // the event has a line that is not a comment
        boolean lineStart = true;
        boolean ended = false;
        while (len < MAX) {
            if (len > 0 && nanos.getAsLong() - started > MAX_COMMENTS_NANOS) {
                break; // comments only so far: the client gets them, and the stream, from here on
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX));
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                ended = true;
                break;
            }
            len += n;
            for (; scanned < len; scanned++) {
                byte b = buf[scanned];
                if (b == '\n') {
                    if (newline) {
                        if (field) {
                            return new StreamHead(Arrays.copyOf(buf, len), start, scanned + 1, false);
                        }
                        start = scanned + 1; // only comments: the next event may be the first
                    }
                    newline = true;
                    lineStart = true;
                } else if (b != '\r') {
                    if (lineStart && b != ':') {
                        field = true;
                    }
                    newline = false;
                    lineStart = false;
                }
            }
        }
        return new StreamHead(Arrays.copyOf(buf, len), -1, -1, ended);
    }

    /** True when the stream ended before a single event (comments aside). */
    boolean empty() {
        return eventStart < 0 && ended;
    }

    /** The error the first event reports ({@link StreamError}: its type or code, "error" when unnamed), else null. */
    String errorType() {
        if (eventStart < 0) {
            return null;
        }
        StringBuilder data = new StringBuilder();
        String event = new String(bytes, eventStart, eventEnd - eventStart, java.nio.charset.StandardCharsets.UTF_8);
        boolean errorEvent = false;
        for (String line : event.split("\r?\n")) {
            if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            } else if (line.startsWith("event:") && line.substring(6).strip().equals("error")) {
                errorEvent = true;
            }
        }
        String type = StreamError.of(data.toString());
        return type == null && errorEvent ? "error" : type;
    }

    /** The stream as the upstream sent it: these bytes, then the rest. */
    InputStream then(InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(bytes), rest);
    }
}
