package io.signalbox.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void theHomeComesFromTheEnvironmentAndJavasUserHomeOnlyWhenItIsUnset() {
        assertEquals(Path.of("/tmp/x"), Env.system(Map.of("HOME", "/tmp/x"), "/root", "Linux").userHome());
        assertEquals(Path.of("/tmp/x/.claude"),
                Env.system(Map.of("HOME", "/tmp/x"), "/root", "Linux").claudeConfigDir());
        assertEquals(Path.of("/root"), Env.system(Map.of(), "/root", "Linux").userHome());
        assertEquals(Path.of("/root"), Env.system(Map.of("HOME", " "), "/root", "Linux").userHome());
        assertEquals(Path.of("C:\\Users\\me"), Env.system(Map.of("USERPROFILE", "C:\\Users\\me", "HOME", "/c/x"),
                "C:\\Users\\java", "Windows 11").userHome());
    }
}
