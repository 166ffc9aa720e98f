package io.signalbox.event;

/**
 * Watches proxied requests. Called on the request's own (virtual) thread: keep it quick and
 * never block; hand slow work to another thread.
 */
@FunctionalInterface
public interface RequestListener {
    void onEvent(RequestEvent event);
}
