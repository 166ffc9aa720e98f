package io.signalbox.app;

import java.util.Locale;
import java.util.Map;
import javafx.application.Application;

/**
 * Starts the desktop app: {@code java -jar app/target/signalbox-app.jar}. Lives outside the
 * {@link Application} subclass so the JavaFX jars can sit on the plain class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String problem = noDisplay(System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("glass.platform"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        // AWT (the tray) must not think it is headless before JavaFX starts.
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "false"));
        Application.launch(SignalboxApp.class, args);
    }

    /**
     * On Linux without a display (a server, an SSH session) JavaFX fails with a stack trace that says
     * "Unable to open DISPLAY": say instead what is wrong and what to run. Null when a display (or
     * JavaFX's headless platform) is there.
     */
    static String noDisplay(Map<String, String> env, String osName, String glassPlatform) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux") || "headless".equalsIgnoreCase(glassPlatform)
                || !isBlank(env.get("DISPLAY")) || !isBlank(env.get("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "error: the Signalbox desktop app needs a graphical display, and this session has none"
                + " (DISPLAY and WAYLAND_DISPLAY are unset)\n"
                + "fix: start it from your desktop session, or on a server run the proxy headless:"
                + " java -jar proxy/target/signalbox.jar serve";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
