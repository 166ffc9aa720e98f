package io.signalbox.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Backups;
import io.signalbox.testsupport.JvmProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCrashSafetyTest {
    @TempDir
    Path home;

    @Test
    void killingTheWriterAtRandomMomentsAlwaysLeavesAWholeOldOrNewFile() throws Exception {
        Random random = new Random(42);
        ProfileStore reader = new ProfileStore(home, new Backups(home.resolve("backups"), 2, Clock.systemUTC()));
        long lastGen = 0;
        for (int round = 0; round < 12; round++) {
            Process p = JvmProcess.start(Map.of("PATH", System.getenv().getOrDefault("PATH", "")),
                    ProfileSaverMain.class, home.toString());
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                assertEquals("started", r.readLine(), "the saver did not start");
                Thread.sleep(20 + random.nextInt(250));
                p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                p.waitFor();
            }
            List<Profile> profiles = reader.list(); // throws if the file is partial or not JSON
            assertEquals(60, profiles.size());
            Set<String> gens = profiles.stream().map(q -> q.notes().substring(0, q.notes().indexOf(';')))
                    .collect(Collectors.toSet());
            assertEquals(1, gens.size(), "profiles from two different saves: " + gens);
            long gen = Long.parseLong(gens.iterator().next().substring(4));
            assertTrue(gen >= 1);
            lastGen = gen;
        }
        assertTrue(lastGen > 0);
        // A later write cleans up what the killed writers left behind.
        reader.add(Presets.get("deepseek").toProfile("after"));
        try (var s = Files.list(home)) {
            List<String> temps = s.map(q -> q.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
            assertEquals(List.of(), temps);
        }
    }
}
