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

    private final byte[] bytes;
    private final int eventStart;
    private final int eventEnd;

    private StreamHead(byte[] bytes, int eventStart, int eventEnd) {
        this.bytes = bytes;
        this.eventStart = eventStart;
        this.eventEnd = eventEnd;
    }

    /** Reads up to the end of the first event (the bytes that came with it too), the stream's end, or {@link #MAX}. */
    static StreamHead read(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        int len = 0;
        int scanned = 0;
        int start = 0; // where the event being scanned starts
        boolean newline = false;
        boolean field = false; // the event has a line that is not a comment
        boolean lineStart = true;
        while (len < MAX) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX));
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            len += n;
            for (; scanned < len; scanned++) {
                byte b = buf[scanned];
                if (b == '\n') {
                    if (newline) {
                        if (field) {
                            return new StreamHead(Arrays.copyOf(buf, len), start, scanned + 1);
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
        return new StreamHead(Arrays.copyOf(buf, len), -1, -1);
    }

    /** True when the stream ended before a single event (comments aside). */
    boolean empty() {
        return eventStart < 0 && bytes.length < MAX;
    }

    /** The first event's error type when it is an error event ({@link SseRelay#errorEvent}), else null. */
    String errorType() {
        return eventStart < 0 ? null : SseRelay.errorEvent(bytes, eventStart, eventEnd - eventStart);
    }

    /** The stream as the upstream sent it: these bytes, then the rest. */
    InputStream then(InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(bytes), rest);
    }
}
