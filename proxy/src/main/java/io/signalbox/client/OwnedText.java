package io.signalbox.client;

import java.nio.file.Path;
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
