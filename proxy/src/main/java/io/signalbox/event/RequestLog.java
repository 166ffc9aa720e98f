package io.signalbox.event;

import io.signalbox.common.Printable;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one structured line per finished request to the {@code io.signalbox.server} logger:
 * method, path, profile, models, status, latency, time to first byte, bytes. Never prompt text,
 * never a key.
 */
public final class RequestLog implements RequestListener {
    public static final Logger LOG = Logger.getLogger("io.signalbox.server");

    @Override
    public boolean terminalOnly() {
        return true;
    }

    @Override
    public void onEvent(RequestEvent e) {
        if (!e.isTerminal() || !LOG.isLoggable(Level.INFO)) {
            return;
        }
        LOG.log(e.kind() == RequestEvent.Kind.FAILED && e.status() >= 500 ? Level.WARNING : Level.INFO, line(e));
    }

    public static String line(RequestEvent e) {
        StringBuilder b = new StringBuilder(160);
        // Each value is one token of the line: what a client or provider chose (a model name, a path)
        // cannot start another line, reach the terminal as an escape sequence, or add a field.
        b.append("request id=").append(e.requestId())
                .append(" method=").append(token(e.method()))
                .append(" path=").append(token(e.path()))
                .append(" profile=").append(token(e.profile()))
                .append(" model=").append(token(e.requestedModel()))
                .append(" upstreamModel=").append(token(e.upstreamModel()))
                .append(" status=").append(e.status())
                .append(" latencyMs=").append(e.latencyMs())
                .append(" ttfbMs=").append(e.ttfbMs())
                .append(" bytes=").append(e.bytes())
                .append(" outcome=").append(e.kind() == RequestEvent.Kind.COMPLETED ? "completed" : "failed");
        if (e.error() != null) {
            b.append(" error=\"").append(Printable.of(e.error().replace('"', '\''))).append('"');
        }
        return b.toString();
    }

    private static String token(String s) {
        return s == null ? "-" : Printable.token(s);
    }
}
