package io.signalbox.server;

import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.config.Settings;
import java.time.Duration;

/**
 * How the proxy runs. {@code port} 0 picks a free port (tests).
 *
 * @param maxBodyBytes largest request body accepted ({@code SIGNALBOX_MAX_BODY_MB}, default 32 MB)
 * @param shutdownGrace how long stop waits for in-flight streams before ending them with an error event
 */
public record ProxyConfig(int port, Duration connectTimeout, Duration idleTimeout, long maxBodyBytes,
        Duration shutdownGrace) {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** The configuration from settings.json and the environment ({@code SIGNALBOX_PORT}, {@code SIGNALBOX_MAX_BODY_MB}). */
    public static ProxyConfig from(Signalbox sb) {
        Settings s = sb.settings().load();
        long maxBody = sb.env().get("SIGNALBOX_MAX_BODY_MB").map(ProxyConfig::parseMb).orElse(DEFAULT_MAX_BODY_BYTES);
        return new ProxyConfig(s.portOrDefault(), Duration.ofSeconds(s.connectTimeoutOrDefault()),
                Duration.ofSeconds(s.idleTimeoutOrDefault()), maxBody, DEFAULT_SHUTDOWN_GRACE);
    }

    public ProxyConfig withPort(int p) {
        return new ProxyConfig(p, connectTimeout, idleTimeout, maxBodyBytes, shutdownGrace);
    }

    public ProxyConfig withIdleTimeout(Duration d) {
        return new ProxyConfig(port, connectTimeout, d, maxBodyBytes, shutdownGrace);
    }

    public ProxyConfig withMaxBodyBytes(long b) {
        return new ProxyConfig(port, connectTimeout, idleTimeout, b, shutdownGrace);
    }

    public ProxyConfig withShutdownGrace(Duration d) {
        return new ProxyConfig(port, connectTimeout, idleTimeout, maxBodyBytes, d);
    }

    private static long parseMb(String v) {
        try {
            long mb = Long.parseLong(v.trim());
            if (mb < 1 || mb > 2000) {
                throw new NumberFormatException();
            }
            return mb * 1024 * 1024;
        } catch (NumberFormatException e) {
            throw new SignalboxException("SIGNALBOX_MAX_BODY_MB='" + v + "' is not a size in megabytes",
                    "use a whole number from 1 to 2000");
        }
    }
}
