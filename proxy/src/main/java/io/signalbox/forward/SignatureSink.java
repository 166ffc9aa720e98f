package io.signalbox.forward;

import io.signalbox.route.ThinkingSignatures;
import java.io.ByteArrayOutputStream;

/**
 * Records the thinking signatures of a relayed stream ({@code signature_delta} events) as the
 * origin's. An event that reached the client in two pieces is put together first; one that is not
 * split is scanned where it lies, without a copy.
 */
final class SignatureSink implements SseRelay.Sink {
    /** An event larger than this is not a signature's: it is not kept. */
    private static final int MAX_EVENT = 1 << 20;
    private final ThinkingSignatures signatures;
    private final String origin;
    private ByteArrayOutputStream partial;
    private boolean skipping;

    SignatureSink(ThinkingSignatures signatures, String origin) {
        this.signatures = signatures;
        this.origin = origin;
    }

    @Override
    public void written(byte[] buf, int off, int len) {
        boolean ends = endsEvent(buf, off, len);
        if ((partial == null || partial.size() == 0) && !skipping && ends) {
            signatures.record(origin, buf, off, len);
            return;
        }
        if (partial == null) {
            partial = new ByteArrayOutputStream(1024);
        }
        if (!skipping) {
            partial.write(buf, off, len);
            if (partial.size() > MAX_EVENT) {
                partial.reset();
                skipping = true;
            }
        }
        if (ends) {
            if (!skipping) {
                byte[] event = partial.toByteArray();
                signatures.record(origin, event, 0, event.length);
            }
            partial.reset();
            skipping = false;
        }
    }

    private static boolean endsEvent(byte[] b, int off, int len) {
        int end = off + len;
        if (len == 0 || b[end - 1] != '\n') {
            return false;
        }
        int i = end - 2;
        if (i >= off && b[i] == '\r') {
            i--;
        }
        return i < off || b[i] == '\n';
    }
}
