package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code signalbox run} recognises Claude Code and Codex, and where their own options go. */
class RunClientDetectionTest {
    @TempDir
    Path tmp;

    private static int at(String client, String... argv) {
        return RunCommand.clientAt(List.of(argv), client, null);
    }

    @Test
    void theExecutableByNameWithOrWithoutADirectoryOrAWindowsExtension() {
        assertEquals(0, at("claude", "claude", "-p", "hi"));
        assertEquals(0, at("claude", "/opt/tools/bin/claude"));
        assertEquals(0, at("claude", "Claude.EXE"));
        assertEquals(0, at("codex", "codex.cmd", "exec", "hi"));
        assertEquals(-1, at("claude", "codex"));
        assertEquals(-1, at("claude", "claude-helper"));
        assertEquals(-1, at("codex", "bash", "-c", "codex"));
    }

    @Test
    void thePackageRunByNpxNodeOrNpmExecPutsTheClientsOptionsAfterIt() {
        assertEquals(2, at("claude", "npx", "-y", "@anthropic-ai/claude-code@latest", "-p", "hi"));
        assertEquals(1, at("codex", "bunx", "@openai/codex", "exec", "hi"));
        assertEquals(1, at("claude", "node", "/home/u/.npm-global/lib/node_modules/@anthropic-ai/claude-code/cli.js"));
        assertEquals(3, at("codex", "npm", "exec", "@openai/codex", "--", "exec", "hi"));
        assertEquals(-1, at("claude", "npx", "cowsay", "@anthropic-ai/claude-code"));
        assertEquals(-1, at("claude", "node", "server.js"));
    }

    @Test
    void aLinkUnderAnotherNameIsRecognisedByTheFileItPointsTo() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("lib/node_modules/@anthropic-ai/claude-code/bin"))
                .resolve("claude.exe");
        Files.writeString(real, "#!/bin/sh\n");
        real.toFile().setExecutable(true);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("cc"), real);
        assertEquals(0, RunCommand.clientAt(List.of(bin.resolve("cc").toString(), "-p", "hi"), "claude", null));
        assertEquals(0, RunCommand.clientAt(List.of("cc", "-p", "hi"), "claude", bin.toString()),
                "found on PATH");
        assertEquals(-1, RunCommand.clientAt(List.of("cc"), "codex", bin.toString()));
        assertEquals(-1, RunCommand.clientAt(List.of("cc"), "claude", tmp.resolve("elsewhere").toString()));
    }
}
