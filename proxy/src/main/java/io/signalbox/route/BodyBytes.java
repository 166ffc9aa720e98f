package io.signalbox.route;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body as it goes upstream: the client's bytes with at most one range replaced (the
 * {@code model}'s value), kept as the original array plus the replacement, so a 100 KB body is not
 * copied for a 20-byte change. Immutable and written whole any number of times (a retry on a fresh
 * connection sends it again).
 */
public final class BodyBytes {
    private static final byte[] NONE = new byte[0];

    private final byte[] source;
    private final int cutFrom;
    private final int cutTo;
    private final byte[] insert;

    private BodyBytes(byte[] source, int cutFrom, int cutTo, byte[] insert) {
        if (cutFrom < 0 || cutFrom > cutTo || cutTo > source.length) {
            throw new IllegalArgumentException("bad cut " + cutFrom + ".." + cutTo + " of " + source.length);
        }
        this.source = source;
        this.cutFrom = cutFrom;
        this.cutTo = cutTo;
        this.insert = insert;
    }

    /** {@code bytes} unchanged. */
    public static BodyBytes of(byte[] bytes) {
        return new BodyBytes(bytes, bytes.length, bytes.length, NONE);
    }

    /** {@code source} with the bytes from {@code from} (inclusive) to {@code to} replaced by {@code insert}. */
    static BodyBytes splice(byte[] source, int from, int to, byte[] insert) {
        return new BodyBytes(source, from, to, insert);
    }

    public int length() {
        return source.length - (cutTo - cutFrom) + insert.length;
    }

    /** True when these are the client's bytes as they came (nothing replaced). */
    public boolean unchanged() {
        return cutFrom == cutTo && insert.length == 0;
    }

    /** Writes the body; the array given to {@link #of} or {@link #splice} is never handed out. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(source, 0, cutFrom);
        if (insert.length > 0) {
            out.write(insert);
        }
        out.write(source, cutTo, source.length - cutTo);
    }

    /** The body as one new array (for an upstream client that wants one). */
    public byte[] toByteArray() {
        byte[] out = new byte[length()];
        System.arraycopy(source, 0, out, 0, cutFrom);
        System.arraycopy(insert, 0, out, cutFrom, insert.length);
        System.arraycopy(source, cutTo, out, cutFrom + insert.length, source.length - cutTo);
        return out;
    }
}
