package io.signalbox.server;

import io.signalbox.testsupport.Parts;
import io.signalbox.testsupport.TestHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the real Codex CLI (npm) non-interactively ({@code codex exec}) in an isolated home. */
final class Codex {
    record Run(int code, String output) {
    }

    private Codex() {
    }

    static Path binary() {
        Optional<Path> bin = Optional.ofNullable(System.getenv("SIGNALBOX_CODEX_BIN")).map(Path::of)
                .filter(Files::isExecutable)
                .or(() -> Parts.onPath("codex"));
        Parts.require(bin.isPresent(), "the Codex CLI ('codex')", "npm install -g @openai/codex");
        return bin.orElseThrow();
    }

    /** {@code codex exec --skip-git-repo-check PROMPT} with the home's CODEX_HOME, stdin closed, killed after 150 s. */
    static Run exec(TestHome home, String prompt) throws IOException, InterruptedException {
        return exec(home, java.util.Map.of(), prompt);
    }

    /** As {@link #exec(TestHome, String)}, with {@code env} added. */
    static Run exec(TestHome home, java.util.Map<String, String> env, String prompt)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(binary().toString(), "exec", "--skip-git-repo-check", prompt);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("HOME", home.home.toString());
        pb.environment().put("CODEX_HOME", home.codexHome.toString());
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.directory(Files.createDirectories(home.root.resolve("work")).toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Path out = Files.createTempFile(home.root, "codex-out", ".txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            boolean done = p.waitFor(150, TimeUnit.SECONDS);
            return new Run(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
