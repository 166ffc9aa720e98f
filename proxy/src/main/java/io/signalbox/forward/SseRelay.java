package io.signalbox.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The serverToProxy → proxyToClient hop for a stream: copies bytes as they arrive and flushes at
 * every blank line (the end of an SSE event), so each event leaves the proxy as soon as it is
 * complete — never merged with the next, never split, never held back.
 */
final class SseRelay {
    /** Where a relay failed: reading the upstream or writing the client. */
    static final class ClientGone extends IOException {
        ClientGone(Throwable cause) {
            super("client closed the connection", cause);
        }
    }

    interface Progress {
        void bytes(int n);
    }

    /** Sees each piece after it was written (and, at an event's end, flushed) to the client. */
    interface Sink {
        void written(byte[] buf, int off, int len);

        Sink NONE = (b, o, l) -> { };
    }

    private SseRelay() {
    }

    /**
     * Relays until the upstream ends. Throws {@link ClientGone} when writing to the client fails,
     * and the upstream's {@link IOException} when reading fails.
     */
    static void relay(InputStream upstream, OutputStream client, Progress progress) throws IOException {
        relay(upstream, client, progress, Sink.NONE);
    }

    /** As {@link #relay(InputStream, OutputStream, Progress)}, showing every written piece to {@code sink}. */
    static void relay(InputStream upstream, OutputStream client, Progress progress, Sink sink) throws IOException {
        byte[] buf = new byte[16 * 1024];
        boolean newline = false;
        int n;
        while ((n = upstream.read(buf)) >= 0) {
            progress.bytes(n);
            int from = 0;
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    if (newline) {
                        write(client, buf, from, i + 1 - from, true);
                        sink.written(buf, from, i + 1 - from);
                        from = i + 1;
                        newline = false;
                        continue;
                    }
                    newline = true;
                } else if (b != '\r') {
                    newline = false;
                }
            }
            if (from < n) {
                write(client, buf, from, n - from, false);
                sink.written(buf, from, n - from);
            }
        }
        write(client, buf, 0, 0, true);
    }

    private static final byte[] EVENT_ERROR = "event: error".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final java.util.regex.Pattern ERROR_TYPE =
            java.util.regex.Pattern.compile("\"(?:type|code)\"\\s*:\\s*\"([A-Za-z0-9_.-]+)\"");
    private static final byte[] DATA_ERROR = "data: {\"error\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The error type when this piece starts an error event ({@code event: error}, as Anthropic and the
     * Responses API send it, or a Chat Completions {@code data: {"error": …}} chunk), else null.
     */
    static String errorEvent(byte[] b, int off, int len) {
        if (!startsWith(b, off, len, EVENT_ERROR) && !startsWith(b, off, len, DATA_ERROR)) {
            return null;
        }
        String text = new String(b, off, Math.min(len, 4096), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = ERROR_TYPE.matcher(text.substring(Math.max(0, text.indexOf('{'))));
        String type = null;
        while (m.find()) {
            type = m.group(1); // the innermost: {"type":"error","error":{"type":"overloaded_error",…}}
            if (!type.equals("error")) {
                break;
            }
        }
        return type == null ? "error" : type;
    }

    private static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void write(OutputStream out, byte[] b, int off, int len, boolean flush) throws ClientGone {
        try {
            if (len > 0) {
                out.write(b, off, len);
            }
            if (flush) {
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            throw new ClientGone(e);
        }
    }
}
