package io.signalbox.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AutostartTest {
    @Test
    void theInstalledAppStartsFromItsOwnLauncherNotFromTheJvmThatRunsIt() {
        // jpackage's launcher runs the JVM inside its own process: "java -jar" with it would start nothing
        assertEquals("/opt/signalbox/bin/Signalbox --hidden", Autostart.command("/opt/signalbox/bin/Signalbox",
                "/opt/signalbox/bin/Signalbox", "/opt/signalbox/lib/app/signalbox-app.jar"));
    }

    @Test
    void aJarStartsWithTheJvmThatRunsItAndPartsWithSpacesOrQuotesAreQuoted() {
        assertEquals("/usr/bin/java -jar /home/me/signalbox-app.jar --hidden",
                Autostart.command(null, "/usr/bin/java", "/home/me/signalbox-app.jar"));
        // quoted as an argument (\" and \$), then every backslash doubled by the key's string escaping
        assertEquals("\"/opt/my jdk/bin/java\" -jar \"/home/me/a \\\\\"b\\\\\" \\\\$x/signalbox-app.jar\" --hidden",
                Autostart.command("", "/opt/my jdk/bin/java", "/home/me/a \"b\" $x/signalbox-app.jar"));
        assertEquals("/home/me/50%%d/signalbox-app.jar", Autostart.command("/home/me/50%d/signalbox-app.jar", "", "")
                .replace(" --hidden", ""), "a % is doubled (else %d would be a field code)");
        assertEquals("signalbox-app --hidden", Autostart.command(null, "java", "/work/app/target/classes/"));
    }
}
