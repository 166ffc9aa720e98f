package io.signalbox.event;

/**
 * Watches proxied requests. Called on the request's own (virtual) thread: keep it quick and
 * never block; hand slow work to another thread.
 */
@FunctionalInterface
public interface RequestListener {
    void onEvent(RequestEvent event);

    /** True when only terminal events (completed, failed) matter: the others are then not even built. */
    default boolean terminalOnly() {
        return false;
    }
}
