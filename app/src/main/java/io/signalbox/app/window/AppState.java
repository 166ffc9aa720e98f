package io.signalbox.app.window;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code $SIGNALBOX_HOME/app-state.json}: where the window was and how it looked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppState(Double x, Double y, Double width, Double height, Boolean maximized, String theme) {
    public static final AppState DEFAULTS = new AppState(null, null, 1100.0, 720.0, false, "LIGHT");

    public AppState withBounds(double nx, double ny, double w, double h, boolean max) {
        return new AppState(nx, ny, w, h, max, theme);
    }

    public AppState withTheme(String t) {
        return new AppState(x, y, width, height, maximized, t);
    }
}
