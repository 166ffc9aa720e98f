package io.signalbox.forward;

import io.helidon.webserver.http.ServerRequest;
import io.signalbox.route.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/** The clientToProxy hop's body: read whole (it is rewritten), never more than the limit. */
final class RequestBody {
    private RequestBody() {
    }

    static byte[] read(ServerRequest req, long maxBytes) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw tooLarge(declared.getAsLong(), maxBytes);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (b.length > maxBytes) {
                throw tooLarge(-1, maxBytes);
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
