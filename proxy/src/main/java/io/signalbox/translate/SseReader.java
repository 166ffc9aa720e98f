package io.signalbox.translate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the events of a server-sent event stream (an upstream's streamed answer) one at a time.
 * Each event is returned as soon as the blank line that ends it has been read: the reader asks
 * its input for more bytes only when no complete line is buffered, so a slow upstream's event is
 * never held back waiting for the next one. Lines are decoded as UTF-8 only once whole, so a
 * character split across two reads is decoded right.
 *
 * <p>Only {@code data:} lines are kept; comments ({@code :…}), {@code event:}, {@code id:},
 * {@code retry:} and unknown fields are skipped. Lines end with {@code \n} or {@code \r\n}. Not
 * thread-safe: one reader belongs to one response.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation">SSE</a>
 */
public final class SseReader {
    /** The longest line (and event data) accepted, in bytes. */
    static final int MAX_LINE = 16 * 1024 * 1024;

    private final InputStream in;
    private final int maxLine;
    private byte[] buf = new byte[8192];
    /** Where the current, not yet complete line starts. */
    private int lineStart;
    /** Up to where the current line was already searched for its end. */
    private int scanned;
    /** Where the buffered bytes end. */
    private int end;
    private boolean eof;
    private boolean first = true;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    public SseReader(InputStream in) {
        this(in, MAX_LINE);
    }

    /** A reader that refuses lines (and event data) longer than {@code maxLine} bytes. */
    SseReader(InputStream in, int maxLine) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("maxLine " + maxLine);
        }
        this.in = in;
        this.maxLine = maxLine;
    }

    /**
     * The data of the next event (its "data:" lines joined by "\n", one optional space after the
     * colon removed), or null at end of input. An event without data lines is skipped; an
     * unterminated last event at end of input is still returned.
     *
     * @throws IOException when reading fails, or a line is longer than the limit (16 MiB)
     */
    public String next() throws IOException {
        while (true) {
            int nl = indexOfNewline(scanned, end);
            if (nl < 0) {
                scanned = end;
                if (end - lineStart > maxLine + 1) { // one more: a full-length line's '\r'
                    throw tooLong();
                }
                if (eof) {
                    int to = end > lineStart && buf[end - 1] == '\r' ? end - 1 : end;
                    if (to - lineStart > maxLine) {
                        throw tooLong();
                    }
                    if (lineStart < to) { // a last line without its line end
                        line(lineStart, to);
                    }
                    lineStart = scanned = end;
                    return hasData ? take() : null;
                }
                fill();
                continue;
            }
            int lineEnd = nl > lineStart && buf[nl - 1] == '\r' ? nl - 1 : nl;
            if (lineEnd - lineStart > maxLine) {
                throw tooLong();
            }
            boolean blank = lineEnd == lineStart;
            if (!blank) {
                line(lineStart, lineEnd);
            }
            lineStart = scanned = nl + 1;
            if (blank && hasData) {
                return take();
            }
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** One non-blank line (without its line end): a data line is added to the event, others skipped. */
    private void line(int from, int to) throws IOException {
        if (first) {
            first = false;
            if (to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB && buf[from + 2] == (byte) 0xBF) {
                from += 3; // a byte order mark at the start of the stream
            }
        }
        if (to - from < 4 || buf[from] != 'd' || buf[from + 1] != 'a' || buf[from + 2] != 't' || buf[from + 3] != 'a') {
            return;
        }
        int value;
        if (to - from == 4) {
            value = to; // "data" alone: an empty value
        } else if (buf[from + 4] == ':') {
            value = from + 5;
            if (value < to && buf[value] == ' ') {
                value++;
            }
        } else {
            return; // another field whose name starts with "data"
        }
        if (hasData) {
            data.append('\n');
        }
        hasData = true;
        data.append(new String(buf, value, to - value, StandardCharsets.UTF_8));
        if (data.length() > maxLine) {
            throw tooLong();
        }
    }

    private String take() {
        String d = data.toString();
        data.setLength(0);
        hasData = false;
        return d;
    }

    /** Reads more input after the current line, moving that line to the front and growing as needed. */
    private void fill() throws IOException {
        if (lineStart > 0) {
            System.arraycopy(buf, lineStart, buf, 0, end - lineStart);
            end -= lineStart;
            scanned -= lineStart;
            lineStart = 0;
        }
        if (end == buf.length) {
            // room for the longest line, its "\r\n", and one byte more to see that it is too long
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) maxLine + 3));
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private IOException tooLong() {
        String limit = maxLine % (1024 * 1024) == 0 ? maxLine / (1024 * 1024) + " MiB" : maxLine + " bytes";
        return new IOException("the upstream's event is too long: a line of its stream is over " + limit
                + " (Signalbox reads events of up to " + limit + ")");
    }
}
