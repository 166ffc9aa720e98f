package io.signalbox.app.engine;

/** Shows a short message to the user: a tray balloon, or a notification in the window. */
@FunctionalInterface
public interface Notifier {
    void notify(String title, String text);
}
