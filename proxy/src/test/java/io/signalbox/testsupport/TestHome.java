package io.signalbox.testsupport;

import io.signalbox.common.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An isolated set of homes for one test: SIGNALBOX_HOME, CLAUDE_CONFIG_DIR, CODEX_HOME and HOME
 * all under a temp directory, so no test ever touches the real user's files.
 */
public final class TestHome {
    public final Path root;
    public final Path home;
    public final Path signalboxHome;
    public final Path claudeDir;
    public final Path codexHome;
    private final Map<String, String> vars = new HashMap<>();

    public TestHome(Path root) throws IOException {
        this.root = root;
        this.home = Files.createDirectories(root.resolve("home"));
        this.signalboxHome = root.resolve("signalbox");
        this.claudeDir = Files.createDirectories(root.resolve("claude"));
        this.codexHome = Files.createDirectories(root.resolve("codex"));
        vars.put("HOME", home.toString());
        vars.put("SIGNALBOX_HOME", signalboxHome.toString());
        vars.put("CLAUDE_CONFIG_DIR", claudeDir.toString());
        vars.put("CODEX_HOME", codexHome.toString());
        vars.put("SIGNALBOX_SECRET_STORE", "file");
        String path = System.getenv("PATH");
        if (path != null) {
            vars.put("PATH", path);
        }
    }

    public TestHome set(String k, String v) {
        if (v == null) {
            vars.remove(k);
        } else {
            vars.put(k, v);
        }
        return this;
    }

    public Map<String, String> vars() {
        return Map.copyOf(vars);
    }

    public Env env() {
        return Env.of(Map.copyOf(vars), home);
    }
}
