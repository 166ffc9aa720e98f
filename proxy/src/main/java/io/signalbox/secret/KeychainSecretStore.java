package io.signalbox.secret;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.signalbox.common.SignalboxException;
import java.nio.file.Path;
import java.util.Optional;

/** Keys in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows). */
public final class KeychainSecretStore implements SecretStore {
    private final Keyring keyring;
    private final String noKeychainFix;

    private KeychainSecretStore(Keyring keyring, String noKeychainFix) {
        this.keyring = keyring;
        this.noKeychainFix = noKeychainFix;
    }

    /** What to do without a keychain: start one, or opt in to the file store (environment or settings). */
    static String noKeychainFix(Path settingsFile) {
        return "start a keyring daemon (on Linux: gnome-keyring or KWallet with an unlocked login keyring in a"
                + " desktop session), or opt in to the 0600 file store: set SIGNALBOX_SECRET_STORE=file in the"
                + " environment, or \"secretStore\": \"file\" in " + settingsFile;
    }

    /**
     * Opens the platform keychain, or explains that there is none and what to do ({@code settingsFile}:
     * Signalbox's settings, where the file store can be chosen instead).
     */
    public static KeychainSecretStore open(Path settingsFile) {
        String fix = noKeychainFix(settingsFile);
        try {
            return new KeychainSecretStore(Keyring.create(), fix);
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            throw new SignalboxException("no OS keychain is available (" + describeCause(e) + ")", fix);
        }
    }

    private static String describeCause(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
    }

    @Override
    public void put(String profile, String key) {
        try {
            keyring.setPassword(SERVICE, profile, key);
        } catch (PasswordAccessException | RuntimeException e) {
            // Never include the exception's message verbatim if it could echo the value; the
            // backends' messages name the operation, not the secret, but be strict anyway.
            throw new SignalboxException("the OS keychain refused to store the key for '" + profile + "' ("
                    + e.getClass().getSimpleName() + ")",
                    "unlock your keyring (log in to the desktop session) and try again; " + noKeychainFix);
        }
    }

    @Override
    public Optional<String> get(String profile) {
        try {
            String v = keyring.getPassword(SERVICE, profile);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
        } catch (PasswordAccessException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new SignalboxException("the OS keychain could not be read for '" + profile + "' ("
                    + e.getClass().getSimpleName() + ")", "unlock your keyring and try again");
        }
    }

    @Override
    public void delete(String profile) {
        try {
            keyring.deletePassword(SERVICE, profile);
        } catch (PasswordAccessException e) {
            // nothing stored: fine
        } catch (RuntimeException e) {
            throw new SignalboxException("the OS keychain could not delete the key for '" + profile + "' ("
                    + e.getClass().getSimpleName() + ")", "unlock your keyring and try again");
        }
    }

    @Override
    public String describe() {
        return "OS keychain (" + keyring.getKeyringStorageType() + ")";
    }
}
