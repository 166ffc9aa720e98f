package io.signalbox.app;

import io.signalbox.app.engine.PortProbe;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;

/** The questions start-up may ask: the port is taken (by Signalbox or something else). */
final class StartupDialogs {
    /** What to do when the port is taken. */
    enum Choice { ATTACH, OTHER_PORT, QUIT }

    static final ButtonType ATTACH = new ButtonType("_Use that one (window only)", ButtonBar.ButtonData.YES);
    static final ButtonType OTHER = new ButtonType("_Pick another port", ButtonBar.ButtonData.NO);
    static final ButtonType QUIT = new ButtonType("_Quit", ButtonBar.ButtonData.CANCEL_CLOSE);

    private StartupDialogs() {
    }

    /** Describes who holds {@code port}, for the dialog and the log. */
    static String describe(PortProbe.Result r, int port) {
        return r == PortProbe.Result.SIGNALBOX
                ? "Another Signalbox already serves port " + port + "."
                : "Port " + port + " is in use by another program.";
    }

    static Choice askPortTaken(PortProbe.Result r, int port) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.setTitle("Signalbox");
        a.setHeaderText(describe(r, port));
        a.setContentText(r == PortProbe.Result.SIGNALBOX
                ? "You can use that Signalbox (this window edits the same profiles and settings) or run this one's"
                        + " proxy on another port."
                : "Run the proxy on another port? Clients are pointed at the new port when you switch profiles.");
        a.getButtonTypes().setAll(r == PortProbe.Result.SIGNALBOX ? new ButtonType[] {ATTACH, OTHER, QUIT}
                : new ButtonType[] {OTHER, QUIT});
        ButtonType b = a.showAndWait().orElse(QUIT);
        return b == ATTACH ? Choice.ATTACH : b == OTHER ? Choice.OTHER_PORT : Choice.QUIT;
    }

    static Optional<Integer> askPort(int suggestion) {
        TextInputDialog d = new TextInputDialog(Integer.toString(suggestion));
        d.setTitle("Signalbox");
        d.setHeaderText("Which port should this Signalbox's proxy use?");
        d.setContentText("Port:");
        return d.showAndWait().flatMap(s -> {
            try {
                int p = Integer.parseInt(s.trim());
                return p > 0 && p < 65536 ? Optional.of(p) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
