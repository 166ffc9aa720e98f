package io.signalbox.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real external parts a test needs (gnome-keyring, the Claude Code CLI, ...). On a developer's
 * machine that lacks one, the test is skipped with a loud message; where
 * {@code SIGNALBOX_REQUIRE_ALL_PARTS=1} (set by {@code .ci/run}) a missing part fails the test.
 */
public final class Parts {
    private Parts() {
    }

    public static boolean required() {
        String v = System.getenv("SIGNALBOX_REQUIRE_ALL_PARTS");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    /** Skips (or, in CI, fails) the calling test unless {@code available}. */
    public static void require(boolean available, String part, String howToInstall) {
        if (available) {
            return;
        }
        String msg = "MISSING TEST PART: " + part + " — install it with: " + howToInstall;
        if (required()) {
            Assertions.fail(msg + " (SIGNALBOX_REQUIRE_ALL_PARTS=1, so a missing part is a failure)");
        }
        System.err.println("!!!!!!!! SKIPPED: " + msg + " !!!!!!!!");
        Assumptions.abort(msg);
    }

    /** An executable on PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Requires an executable on PATH and returns it. */
    public static Path requireExecutable(String name, String howToInstall) {
        Optional<Path> p = onPath(name);
        require(p.isPresent(), "'" + name + "' on PATH", howToInstall);
        return p.orElseThrow();
    }
}
