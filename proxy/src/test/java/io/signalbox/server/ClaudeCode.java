package io.signalbox.server;

import io.signalbox.testsupport.Parts;
import io.signalbox.testsupport.TestHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the real Claude Code CLI (npm) in print mode in an isolated home. */
final class ClaudeCode {
    record Run(int code, String out, String err) {
    }

    private ClaudeCode() {
    }

    static Path binary() {
        Optional<Path> bin = Optional.ofNullable(System.getenv("SIGNALBOX_CLAUDE_BIN")).map(Path::of)
                .filter(Files::isExecutable)
                .or(() -> Parts.onPath("claude"))
                .or(() -> Optional.of(Path.of("/opt/sbclients/node_modules/.bin/claude")).filter(Files::isExecutable));
        Parts.require(bin.isPresent(), "the Claude Code CLI ('claude')", "npm install -g @anthropic-ai/claude-code");
        return bin.orElseThrow();
    }

    /** {@code claude -p PROMPT --output-format text}, stdin closed, killed after 90 s. */
    static Run print(TestHome home, String prompt) throws IOException, InterruptedException {
        return print(home, java.util.Map.of(), prompt);
    }

    /**
     * As {@link #print(TestHome, String)}, with {@code env} added (e.g. what {@code signalbox env} exports)
     * and {@code more} arguments (e.g. {@code --continue}).
     */
    static Run print(TestHome home, java.util.Map<String, String> env, String prompt, String... more)
            throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(binary().toString(), "-p", prompt,
                "--output-format", "text"));
        cmd.addAll(java.util.List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("HOME", home.home.toString());
        pb.environment().put("CLAUDE_CONFIG_DIR", home.claudeDir.toString());
        pb.environment().put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        pb.environment().put("DISABLE_AUTOUPDATER", "1");
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.directory(home.home.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Path out = Files.createTempFile(home.root, "claude-out", ".txt");
        Path err = Files.createTempFile(home.root, "claude-err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            boolean done = p.waitFor(90, TimeUnit.SECONDS);
            int code = done ? p.exitValue() : -1;
            return new Run(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
