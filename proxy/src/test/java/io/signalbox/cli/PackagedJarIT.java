package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.JvmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code proxy/target/signalbox.jar} runs with plain {@code java -jar} from any directory. */
class PackagedJarIT {
    @TempDir
    Path elsewhere;

    private String run(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("signalbox.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar);
        List<String> cmd = new java.util.ArrayList<>(List.of(JvmProcess.javaExecutable().toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(elsewhere.toFile()).redirectErrorStream(true);
        pb.environment().put("SIGNALBOX_HOME", elsewhere.resolve("home").toString());
        pb.environment().put("SIGNALBOX_SECRET_STORE", "file");
        Path log = elsewhere.resolve("out.txt");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void helpAndVersionWorkFromAnyDirectory() throws Exception {
        String help = run("--help");
        assertTrue(help.contains("Usage: signalbox"), help);
        assertTrue(help.contains("profile"), help);
        assertTrue(run("--version").startsWith("signalbox "));
    }

    @Test
    void thePackagedJarCarriesItsPresets() throws Exception {
        assertTrue(run("presets").contains("deepseek"));
    }
}
