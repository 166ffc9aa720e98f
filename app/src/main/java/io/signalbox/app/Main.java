package io.signalbox.app;

import javafx.application.Application;

/**
 * Starts the desktop app: {@code java -jar app/target/signalbox-app.jar}. Lives outside the
 * {@link Application} subclass so the JavaFX jars can sit on the plain class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // AWT (the tray) must not think it is headless before JavaFX starts.
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "false"));
        Application.launch(SignalboxApp.class, args);
    }
}
