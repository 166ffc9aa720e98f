package io.signalbox.app.engine;

/** What the tray icon shows. */
public enum ProxyState {
    /** The in-process proxy serves requests and the last one went well (or there was none). */
    RUNNING,
    /** The user paused the proxy: the port is closed. */
    PAUSED,
    /** The proxy runs but the last request failed. */
    FAILING,
    /** Another Signalbox serves the port; this app is a window onto the settings only. */
    ATTACHED,
    /** Not started, or quit. */
    STOPPED
}
