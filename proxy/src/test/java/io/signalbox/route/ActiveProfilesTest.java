package io.signalbox.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.Signalbox;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import io.signalbox.testsupport.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy looks at settings.json and profiles.json at most once per {@link ActiveProfiles#RECHECK_NANOS}
 * under load; a switch made in this process must still reach the very next request, and one made
 * by another process the first request after that interval.
 */
class ActiveProfilesTest {
    @TempDir
    Path dir;

    private static Profile profile(String name) {
        return new Profile(name, "http://127.0.0.1:9", ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY,
                new ModelMap("m", "m", "m", null, null, List.of()), Map.of(), null, null, null);
    }

    private Signalbox twoProfilesAActive() throws Exception {
        Signalbox sb = Signalbox.open(new TestHome(dir).env(), w -> { });
        sb.profiles().add(profile("A"));
        sb.profiles().add(profile("B"));
        sb.settings().update(s -> s.withActiveProfile("A"));
        return sb;
    }

    @Test
    void aSwitchInThisProcessReachesTheVeryNextLookup() throws Exception {
        Signalbox sb = twoProfilesAActive();
        // An interval far longer than the test: only the in-process write count can reveal the switch.
        ActiveProfiles active = new ActiveProfiles(sb.settings(), sb.profiles(), java.time.Duration.ofHours(1).toNanos());

        for (int i = 0; i < 50; i++) {
            String next = i % 2 == 0 ? "B" : "A";
            active.current(); // a look just before the switch: within the recheck interval
            sb.settings().update(s -> s.withActiveProfile(next));
            assertEquals(next, active.current().activeProfile(), "switch " + i);
        }
    }

    @Test
    void aSwitchByAnotherProcessIsSeenOnceTheRecheckIntervalPassed() throws Exception {
        Signalbox sb = twoProfilesAActive();
        ActiveProfiles active = new ActiveProfiles(sb.settings(), sb.profiles());
        assertEquals("A", active.current().activeProfile());

        // Another process's write: not through this process's file writer.
        Path settings = sb.settings().file();
        String json = Files.readString(settings).replace("\"A\"", "\"B\"");
        Path tmp = settings.resolveSibling("other-process.tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, settings, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LockSupport.parkNanos(2 * ActiveProfiles.RECHECK_NANOS);

        assertEquals("B", active.current().activeProfile());
    }
}
