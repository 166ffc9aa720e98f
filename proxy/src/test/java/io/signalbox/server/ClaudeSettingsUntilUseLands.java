package io.signalbox.server;

import io.signalbox.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code $CLAUDE_CONFIG_DIR/settings.json} in proxy mode, as {@code signalbox use} will.
 * A stand-in until that command lands: swap calls to it for {@code CliRun.run(home, "use", NAME)}.
 */
final class ClaudeSettingsUntilUseLands {
    private ClaudeSettingsUntilUseLands() {
    }

    static void writeProxyMode(Path claudeConfigDir, int port, String localToken) throws IOException {
        writeProxyMode(claudeConfigDir, "http://127.0.0.1:" + port, localToken);
    }

    static void writeProxyMode(Path claudeConfigDir, String baseUrl, String localToken) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANTHROPIC_BASE_URL", baseUrl);
        env.put("ANTHROPIC_AUTH_TOKEN", localToken);
        env.put("ANTHROPIC_DEFAULT_OPUS_MODEL", "claude-opus-via-signalbox");
        env.put("ANTHROPIC_DEFAULT_SONNET_MODEL", "claude-sonnet-via-signalbox");
        env.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", "claude-haiku-via-signalbox");
        Files.createDirectories(claudeConfigDir);
        Files.write(claudeConfigDir.resolve("settings.json"), Json.MAPPER.writeValueAsBytes(Map.of("env", env)));
    }
}
