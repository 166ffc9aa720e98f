package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.testsupport.JvmProcess;
import io.signalbox.testsupport.TestHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A kill -9 at any moment of a switch leaves settings.json whole: the old version or the new one. */
class CrashSafetyTest {
    static final int KILLS = Integer.getInteger("signalbox.kills", 15);

    @TempDir
    Path tmp;

    @Test
    void killingAUseMidWriteNeverLeavesAPartialSettingsFile() throws Exception {
        TestHome h = new TestHome(tmp);
        SwitchingPropertyTest.addProfiles(h);
        Path settings = h.claudeDir.resolve("settings.json");
        StringBuilder big = new StringBuilder("{\n  \"env\": {\"KEEP\": \"me\"},\n  \"bulk\": [\n");
        Random r = new Random(7);
        for (int i = 0; i < 8_000; i++) {
            big.append("    {\"id\": ").append(i).append(", \"v\": \"").append(Long.toHexString(r.nextLong()))
                    .append("\"},\n");
        }
        big.append("    null\n  ]\n}\n");
        Files.writeString(settings, big);
        ok(sb(h, null, "use", "A", "--clients", "claude"));
        JsonNode versionA = Json.MAPPER.readTree(Files.readAllBytes(settings));
        ok(sb(h, null, "use", "B", "--clients", "claude"));
        JsonNode versionB = Json.MAPPER.readTree(Files.readAllBytes(settings));
        assertTrue(!versionA.equals(versionB));

        for (int k = 0; k < KILLS; k++) {
            Process p = JvmProcess.start(h.vars(), UseLoopMain.class);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("ready", out.readLine(), "the loop did not start");
                Thread.sleep(r.nextInt(400));
                p.destroyForcibly(); // SIGKILL
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            JsonNode now = Json.MAPPER.readTree(Files.readAllBytes(settings));
            int round = k;
            assertTrue(now.equals(versionA) || now.equals(versionB), () -> "after kill " + round
                    + " the file is neither version");
            Json.MAPPER.readTree(Files.readAllBytes(h.signalboxHome.resolve(ClientState.FILE_NAME)));
        }
        ok(sb(h, null, "restore"));
        assertEquals(big.toString(), Files.readString(settings));
    }
}
