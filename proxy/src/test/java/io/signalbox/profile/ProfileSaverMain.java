package io.signalbox.profile;

import io.signalbox.common.Backups;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Test helper run as a separate JVM: saves profiles.json over and over until it is killed. */
public final class ProfileSaverMain {
    private ProfileSaverMain() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        ProfileStore store = new ProfileStore(home, new Backups(home.resolve("backups"), 2, Clock.systemUTC()));
        String filler = "x".repeat(4000);
        for (long gen = 1; ; gen++) {
            final long g = gen;
            store.update(old -> {
                List<Profile> out = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    out.add(Presets.get("deepseek").toProfile("p" + i).withNotes("gen=" + g + ";" + filler));
                }
                return out;
            });
            if (gen == 1) {
                System.out.println("started");
                System.out.flush();
            }
        }
    }
}
