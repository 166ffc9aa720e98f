package io.signalbox.forward;

import io.helidon.webserver.http.ServerRequest;
import io.signalbox.route.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/** The clientToProxy hop's body: read whole (it is rewritten), never more than the limit. */
public final class RequestBody {
    /** What the client is told of a chunked body that cannot be read (a chunk size that is not hexadecimal). */
    public static final String MALFORMED_CHUNKS = "the request's chunked body is malformed (a chunk size that is not"
            + " a hexadecimal number); send the body with a Content-Length instead, as Claude Code and Codex do";

    private RequestBody() {
    }

    static byte[] read(ServerRequest req, long maxBytes) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw tooLarge(declared.getAsLong(), maxBytes);
        }
        if (!req.content().hasEntity()) {
            Arrival.bodyRead();
            return new byte[0];
        }
        try (InputStream in = new Arriving(req.content().inputStream())) {
            byte[] b;
            if (declared.isPresent()) {
                b = exactly(in, (int) declared.getAsLong());
            } else {
                b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (b.length > maxBytes) {
                    throw tooLarge(-1, maxBytes);
                }
            }
            // The request is whole: from here on, however long its answer takes, it is never cut as stalled.
            Arrival.bodyRead();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException | io.helidon.http.RequestException e) {
            // The web server could not read the chunked framing (it parses each chunk size as it reads
            // the body). Where the body ends is unknown, so nothing after it on the connection can be
            // trusted as the next request: answered, then closed.
            throw Rejection.invalidRequest(MALFORMED_CHUNKS).closingTheConnection();
        }
    }

    /**
     * A body of known length, read into an array of that size (no growing buffers, no copy), then
     * to the end of the stream (which ends at the declared length).
     */
    static byte[] exactly(InputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        int n = in.readNBytes(b, 0, length);
        if (n < length) {
            return java.util.Arrays.copyOf(b, n);
        }
        // Read to the end of the stream: an entity read to its end lets the connection be reused.
        int more = in.read();
        if (more < 0) {
            return b;
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(length + 8192);
        all.write(b);
        all.write(more);
        in.transferTo(all);
        return all.toByteArray();
    }

    /** The body as it arrives: each piece read tells the connection's {@link Arrival} that the client is still sending. */
    private static final class Arriving extends java.io.FilterInputStream {
        Arriving(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                Arrival.bodyArriving();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                Arrival.bodyArriving();
            }
            return n;
        }
    }

    private static Rejection tooLarge(long size, long max) {
        return Rejection.tooLarge("the request body" + (size >= 0 ? " (" + mb(size) + ")" : "")
                + " is larger than Signalbox's limit of " + mb(max)
                + "; shorten the conversation (e.g. /compact) or raise the limit with SIGNALBOX_MAX_BODY_MB");
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
