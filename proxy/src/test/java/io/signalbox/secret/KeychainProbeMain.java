package io.signalbox.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Test helper run as a separate JVM inside a D-Bus session: reads a key back from the real keychain. */
public final class KeychainProbeMain {
    private KeychainProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        KeychainSecretStore store = KeychainSecretStore.open(java.nio.file.Path.of("settings.json"));
        var key = store.get(args[0]);
        if (key.isEmpty()) {
            System.out.println("probe: absent via " + store.describe());
        } else {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.get().getBytes(StandardCharsets.UTF_8));
            System.out.println("probe: sha256=" + HexFormat.of().formatHex(d) + " via " + store.describe());
        }
        System.out.flush();
        System.exit(0); // the D-Bus connection's threads would keep the JVM alive
    }

}
