package io.signalbox.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code $SIGNALBOX_HOME/settings.json}: the active profile and how Signalbox runs.
 *
 * @param activeProfile the profile the proxy applies and the client configs point at
 * @param port          the local proxy's port ({@code SIGNALBOX_PORT} overrides it)
 * @param mode          {@code proxy} (default) or {@code direct}
 * @param clients       the client configs Signalbox manages: {@code claude}, {@code codex}
 * @param secretStore   {@code keychain} (default) or {@code file}
 * @param usageRetentionDays after how many days usage rows are rolled up into one line per day,
 *                      profile, client and model (default 90)
 * @param failoverCooldownSeconds how long the proxy passes over a profile whose provider could not take a
 *                      request, sending its requests to its fallbacks first (default 30; 0: never; a
 *                      provider's longer Retry-After, up to 5 minutes, still counts)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(
        Integer schemaVersion,
        String activeProfile,
        Integer port,
        String mode,
        List<String> clients,
        String secretStore,
        Integer connectTimeoutSeconds,
        Integer idleTimeoutSeconds,
        Integer usageRetentionDays,
        Integer failoverCooldownSeconds) {

    public static final int DEFAULT_PORT = 4891;

    /** Settings without a failover cooldown (the shape before failover). */
    public Settings(Integer schemaVersion, String activeProfile, Integer port, String mode, List<String> clients,
            String secretStore, Integer connectTimeoutSeconds, Integer idleTimeoutSeconds, Integer usageRetentionDays) {
        this(schemaVersion, activeProfile, port, mode, clients, secretStore, connectTimeoutSeconds, idleTimeoutSeconds,
                usageRetentionDays, null);
    }

    /** Settings without a usage retention (the shape before usage was recorded). */
    public Settings(Integer schemaVersion, String activeProfile, Integer port, String mode, List<String> clients,
            String secretStore, Integer connectTimeoutSeconds, Integer idleTimeoutSeconds) {
        this(schemaVersion, activeProfile, port, mode, clients, secretStore, connectTimeoutSeconds, idleTimeoutSeconds,
                null);
    }

    public static final Settings DEFAULTS = new Settings(1, null, null, null, null, null, null, null, null, null);
    public static final int DEFAULT_FAILOVER_COOLDOWN_SECONDS = 30;
    /** The longest cooldown settings.json may ask for. */
    public static final int MAX_FAILOVER_COOLDOWN_SECONDS = 3600;

    public int failoverCooldownOrDefault() {
        return failoverCooldownSeconds == null ? DEFAULT_FAILOVER_COOLDOWN_SECONDS : failoverCooldownSeconds;
    }

    public int portOrDefault() {
        return port == null ? DEFAULT_PORT : port;
    }

    public String modeOrDefault() {
        return mode == null ? "proxy" : mode;
    }

    public List<String> clientsOrDefault() {
        return clients == null ? List.of("claude", "codex") : clients;
    }

    public int connectTimeoutOrDefault() {
        return connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
    }

    public int idleTimeoutOrDefault() {
        return idleTimeoutSeconds == null ? 300 : idleTimeoutSeconds;
    }

    public static final int DEFAULT_USAGE_RETENTION_DAYS = 90;

    public int usageRetentionDaysOrDefault() {
        return usageRetentionDays == null || usageRetentionDays < 1 ? DEFAULT_USAGE_RETENTION_DAYS : usageRetentionDays;
    }

    public Settings withActiveProfile(String p) {
        return new Settings(1, p, port, mode, clients, secretStore, connectTimeoutSeconds, idleTimeoutSeconds, usageRetentionDays, failoverCooldownSeconds);
    }

    public Settings withPort(Integer p) {
        return new Settings(1, activeProfile, p, mode, clients, secretStore, connectTimeoutSeconds, idleTimeoutSeconds, usageRetentionDays, failoverCooldownSeconds);
    }

    public Settings withMode(String m) {
        return new Settings(1, activeProfile, port, m, clients, secretStore, connectTimeoutSeconds, idleTimeoutSeconds, usageRetentionDays, failoverCooldownSeconds);
    }

    public Settings withClients(List<String> c) {
        return new Settings(1, activeProfile, port, mode, c, secretStore, connectTimeoutSeconds, idleTimeoutSeconds, usageRetentionDays, failoverCooldownSeconds);
    }

    public Settings withSecretStore(String s) {
        return new Settings(1, activeProfile, port, mode, clients, s, connectTimeoutSeconds, idleTimeoutSeconds, usageRetentionDays, failoverCooldownSeconds);
    }

    public Settings withUsageRetentionDays(Integer d) {
        return new Settings(1, activeProfile, port, mode, clients, secretStore, connectTimeoutSeconds, idleTimeoutSeconds, d, failoverCooldownSeconds);
    }

    public Settings withFailoverCooldownSeconds(Integer c) {
        return new Settings(1, activeProfile, port, mode, clients, secretStore, connectTimeoutSeconds, idleTimeoutSeconds,
                usageRetentionDays, c);
    }
}
