package io.signalbox.secret;

import io.signalbox.common.AtomicFiles;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local proxy's own credential: 256 random bits, generated once, kept in
 * {@code SIGNALBOX_HOME/local-token} (mode 0600). Clients present it instead of a provider key,
 * which never leaves the keychain in proxy mode.
 */
public final class LocalToken {
    public static final String FILE_NAME = "local-token";
    public static final String PREFIX = "sbx-local-";

    private LocalToken() {
    }

    /** The token, created on first use. */
    public static String getOrCreate(Path signalboxHome) {
        Path file = signalboxHome.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String t = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (t.startsWith(PREFIX) && t.length() >= PREFIX.length() + 43) {
                    return t;
                }
            }
            byte[] bits = new byte[32];
            new SecureRandom().nextBytes(bits);
            String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
            AtomicFiles.ensurePrivateDir(signalboxHome);
            AtomicFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
            return token;
        } catch (IOException e) {
            throw new SignalboxException("cannot read or create the proxy's local token at " + file
                    + " (" + e.getClass().getSimpleName() + ")", "check that " + signalboxHome + " is writable");
        }
    }

    /** Constant-time comparison. */
    public static boolean matches(String expected, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
