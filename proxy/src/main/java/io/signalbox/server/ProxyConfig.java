package io.signalbox.server;

import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.config.Settings;
import io.signalbox.forward.EgressProxy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the proxy runs. {@code port} 0 picks a free port (tests).
 *
 * @param maxBodyBytes largest request body accepted ({@code SIGNALBOX_MAX_BODY_MB}, default 32 MB)
 * @param shutdownGrace how long stop waits for in-flight streams before ending them with an error event
 *                      ({@code SIGNALBOX_SHUTDOWN_GRACE_SECONDS}, default 10)
 * @param caFile a PEM file of extra CA certificates trusted for {@code https://} upstreams, in
 *               addition to the JDK's ({@code SIGNALBOX_CA_FILE}; e.g. a corporate TLS proxy's
 *               CA, or a test's self-signed upstream), or null
 * @param recordUsage whether requests are recorded into the usage store and counted against budgets
 *                    ({@code SIGNALBOX_USAGE=on|off}, default on; off is for measuring the proxy
 *                    without recording — budgets are then not enforced)
 * @param clientIdleTimeout how long a client connection may send nothing before the proxy closes it
 *                          ({@code SIGNALBOX_CLIENT_IDLE_SECONDS}, default 300); a response being
 *                          written (an SSE stream) is not cut by it
 * @param egress the HTTP proxy upstreams are reached through ({@code HTTPS_PROXY}, {@code HTTP_PROXY},
 *               {@code NO_PROXY}; {@link EgressProxy#NONE} for none)
 */
public record ProxyConfig(int port, Duration connectTimeout, Duration idleTimeout, long maxBodyBytes,
        Duration shutdownGrace, Path caFile, boolean recordUsage, Duration clientIdleTimeout, EgressProxy egress) {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** How long a client connection may send nothing (between or inside requests) before it is closed. */
    public static final Duration DEFAULT_CLIENT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** Timeouts of zero or less would fail every request ("no response within -5 s"): refused at start. */
    public ProxyConfig {
        egress = egress == null ? EgressProxy.NONE : egress;
        requirePositive(connectTimeout, "connectTimeoutSeconds");
        requirePositive(idleTimeout, "idleTimeoutSeconds");
        if (clientIdleTimeout == null || clientIdleTimeout.isNegative() || clientIdleTimeout.isZero()) {
            throw new SignalboxException("the client idle timeout must be more than 0 s",
                    "leave SIGNALBOX_CLIENT_IDLE_SECONDS unset (300 s), or use a whole number from 1 to 86400");
        }
    }

    private static void requirePositive(Duration d, String setting) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new SignalboxException("\"" + setting + "\": " + (d == null ? "null" : d.toSeconds())
                    + " in settings.json is not a timeout (it must be at least 1 second)",
                    "set \"" + setting + "\" to a whole number of seconds of at least 1, or remove it for the default"
                    + " (connectTimeoutSeconds 10, idleTimeoutSeconds 300)");
        }
    }

    /**
     * The configuration from settings.json and the environment ({@code SIGNALBOX_PORT},
     * {@code SIGNALBOX_MAX_BODY_MB}, {@code SIGNALBOX_SHUTDOWN_GRACE_SECONDS}, {@code SIGNALBOX_CA_FILE},
     * {@code SIGNALBOX_USAGE}).
     */
    public static ProxyConfig from(Signalbox sb) {
        Settings s = sb.settings().load();
        long maxBody = sb.env().get("SIGNALBOX_MAX_BODY_MB").map(ProxyConfig::parseMb).orElse(DEFAULT_MAX_BODY_BYTES);
        Duration grace = sb.env().get("SIGNALBOX_SHUTDOWN_GRACE_SECONDS").map(ProxyConfig::parseGrace)
                .orElse(DEFAULT_SHUTDOWN_GRACE);
        Path ca = sb.env().get("SIGNALBOX_CA_FILE").filter(v -> !v.isBlank()).map(v -> Path.of(v.trim())).orElse(null);
        boolean record = sb.env().get("SIGNALBOX_USAGE").map(ProxyConfig::parseOnOff).orElse(true);
        Duration clientIdle = sb.env().get("SIGNALBOX_CLIENT_IDLE_SECONDS").map(ProxyConfig::parseClientIdle)
                .orElse(DEFAULT_CLIENT_IDLE_TIMEOUT);
        return new ProxyConfig(s.portOrDefault(), Duration.ofSeconds(s.connectTimeoutOrDefault()),
                Duration.ofSeconds(s.idleTimeoutOrDefault()), maxBody, grace, ca, record, clientIdle,
                EgressProxy.from(sb.env()));
    }

    public ProxyConfig withRecordUsage(boolean on) {
        return new ProxyConfig(port, connectTimeout, idleTimeout, maxBodyBytes, shutdownGrace, caFile, on, clientIdleTimeout, egress);
    }

    private static boolean parseOnOff(String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "on" -> true;
            case "off" -> false;
            default -> throw new SignalboxException("SIGNALBOX_USAGE='" + v + "' is neither on nor off",
                    "use SIGNALBOX_USAGE=off to run without usage recording, or leave it unset (on)");
        };
    }

    public ProxyConfig withPort(int p) {
        return new ProxyConfig(p, connectTimeout, idleTimeout, maxBodyBytes, shutdownGrace, caFile, recordUsage, clientIdleTimeout, egress);
    }

    public ProxyConfig withIdleTimeout(Duration d) {
        return new ProxyConfig(port, connectTimeout, d, maxBodyBytes, shutdownGrace, caFile, recordUsage, clientIdleTimeout, egress);
    }

    public ProxyConfig withMaxBodyBytes(long b) {
        return new ProxyConfig(port, connectTimeout, idleTimeout, b, shutdownGrace, caFile, recordUsage, clientIdleTimeout, egress);
    }

    public ProxyConfig withShutdownGrace(Duration d) {
        return new ProxyConfig(port, connectTimeout, idleTimeout, maxBodyBytes, d, caFile, recordUsage, clientIdleTimeout, egress);
    }

    public ProxyConfig withCaFile(Path pem) {
        return new ProxyConfig(port, connectTimeout, idleTimeout, maxBodyBytes, shutdownGrace, pem, recordUsage, clientIdleTimeout, egress);
    }

    public ProxyConfig withClientIdleTimeout(Duration d) {
        return new ProxyConfig(port, connectTimeout, idleTimeout, maxBodyBytes, shutdownGrace, caFile, recordUsage, d, egress);
    }

    public ProxyConfig withEgress(EgressProxy e) {
        return new ProxyConfig(port, connectTimeout, idleTimeout, maxBodyBytes, shutdownGrace, caFile, recordUsage,
                clientIdleTimeout, e);
    }

    public ProxyConfig withConnectTimeout(Duration d) {
        return new ProxyConfig(port, d, idleTimeout, maxBodyBytes, shutdownGrace, caFile, recordUsage, clientIdleTimeout, egress);
    }

    private static Duration parseClientIdle(String v) {
        try {
            long s = Long.parseLong(v.trim());
            if (s < 1 || s > 86400) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new SignalboxException("SIGNALBOX_CLIENT_IDLE_SECONDS='" + v + "' is not a number of seconds",
                    "use a whole number from 1 to 86400");
        }
    }

    private static Duration parseGrace(String v) {
        try {
            long s = Long.parseLong(v.trim());
            if (s < 0 || s > 3600) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new SignalboxException("SIGNALBOX_SHUTDOWN_GRACE_SECONDS='" + v + "' is not a number of seconds",
                    "use a whole number from 0 to 3600");
        }
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
