package io.signalbox.translate;

import java.util.List;

/**
 * A provider's stream, event by event, as the stream of the API its client speaks: what the proxy
 * writes (and flushes) for each upstream event as soon as it has arrived. Implementations never throw
 * from {@link #onData}; each returned array is one complete event.
 */
public interface StreamTranslation {
    /** The data of one upstream SSE event ({@code [DONE]} included) → the events to write now (possibly none). */
    List<byte[]> onData(String data);

    /** The upstream stream ended: the events that still close the answer (none if already closed). Idempotent. */
    List<byte[]> finish();

    /** The upstream broke off: the events that end the answer with this failure (none if already ended). */
    List<byte[]> fail(String message);

    /** True once the upstream's own error event ended the answer. */
    boolean failed();
}
