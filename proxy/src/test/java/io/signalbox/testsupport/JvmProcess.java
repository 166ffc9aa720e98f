package io.signalbox.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a separate JVM on the test class path (for crash tests and real-client tests). */
public final class JvmProcess {
    private JvmProcess() {
    }

    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static List<String> command(Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable().toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static ProcessBuilder builder(Map<String, String> env, Class<?> mainClass, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(mainClass, args));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    public static Process start(Map<String, String> env, Class<?> mainClass, String... args) throws IOException {
        return builder(env, mainClass, args).start();
    }
}
