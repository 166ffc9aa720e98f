package io.signalbox.server;

import io.signalbox.common.SignalboxException;

/** The proxy could not start: another program (often another Signalbox) already listens on its port. */
public final class PortInUseException extends SignalboxException {
    private final int port;

    PortInUseException(int port, String fix, Throwable cause) {
        super("port " + port + " on 127.0.0.1 is already in use (another signalbox serve, or the desktop app?)", fix,
                cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
