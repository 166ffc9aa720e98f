package io.signalbox.app.settings;

/** Light or dark; each is one stylesheet on the class path. */
public enum Theme {
    LIGHT("Light"), DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String stylesheet() {
        return "/io/signalbox/app/" + name().toLowerCase(java.util.Locale.ROOT) + ".css";
    }

    @Override
    public String toString() {
        return label;
    }
}
