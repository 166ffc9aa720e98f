package io.signalbox.client;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client config file format seen as text plus a set of entries Signalbox owns. Writers edit only
 * the owned entries in the original text, so everything else (comments, order, indentation, line
 * endings) stays byte for byte. Values are raw literals in the file's own syntax.
 */
interface OwnedText {
    /** "JSON" or "TOML", for messages. */
    String format();

    /** The owned entries, in the order a writer adds them. */
    List<String> ownedKeys();

    /**
     * The owned entries Signalbox takes over whenever it writes the file, set or not: where the client
     * connects and with which credential. A user's own credential left beside Signalbox's would reach
     * the endpoint Signalbox set (or clash with its token).
     */
    List<String> endpointKeys();

    /**
     * What a write sets: {@code target}, plus the user's own value ({@code user}, from before Signalbox
     * first wrote the file) of every owned entry {@code target} leaves out, except the endpoint's. So
     * an entry Signalbox stops setting goes back to the user's value, or away if they had none.
     */
    default Map<String, String> withUsersValues(Map<String, String> target, Map<String, String> user) {
        Map<String, String> out = new LinkedHashMap<>(target);
        user.forEach((k, v) -> {
            if (!endpointKeys().contains(k)) {
                out.putIfAbsent(k, v);
            }
        });
        return out;
    }

    /** Throws a {@link io.signalbox.common.SignalboxException} naming path, line and column if malformed. */
    void checkWellFormed(Path file, String text);

    /** Raw literals of the owned entries present in {@code text} (null text: none). */
    Map<String, String> owned(String text);

    /**
     * {@code text} (null: the file does not exist) with every owned entry set to its raw literal in
     * {@code target}, and owned entries missing from {@code target} removed.
     */
    String apply(String text, Map<String, String> target);

    /** True when both texts parse to the same tree once owned entries are left out. */
    boolean sameExceptOwned(String before, String after);

    /** A raw string literal in this format. */
    String quote(String value);
}
