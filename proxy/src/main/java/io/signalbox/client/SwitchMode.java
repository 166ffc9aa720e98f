package io.signalbox.client;

import io.signalbox.common.SignalboxException;
import java.util.Locale;

/** How a client reaches the provider: through the local proxy (default) or straight. */
public enum SwitchMode {
    PROXY, DIRECT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SwitchMode parse(String s) {
        if (s == null || s.isBlank()) {
            return PROXY;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "proxy" -> PROXY;
            case "direct" -> DIRECT;
            default -> throw new SignalboxException("unknown mode '" + s + "'", "use --mode proxy or --mode direct");
        };
    }
}
