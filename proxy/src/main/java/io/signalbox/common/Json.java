package io.signalbox.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON configuration Signalbox uses, and parse errors that name path, line and column. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** Reads a JSON file into a tree, or throws a {@link SignalboxException} naming path, line and column. */
    /** One line, no indentation: for bodies sent over the wire. */
    public static final tools.jackson.databind.ObjectWriter COMPACT =
            MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    public static JsonNode readTree(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SignalboxException(file + " does not exist", "check the path");
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + file + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        return parse(file, bytes);
    }

    public static JsonNode parse(Path file, byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw malformed(file, e, "JSON");
        }
    }

    /** Writes {@code value} as indented JSON plus a final newline, atomically, readable by the owner only. */
    public static void writeFile(Path file, Object value) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(value);
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        AtomicFiles.write(file, out, AtomicFiles.OWNER_ONLY);
    }

    /** A malformed-file error: "path:line:column: what", and that the file was left untouched. */
    public static SignalboxException malformed(Path file, JacksonException e, String format) {
        TokenStreamLocation loc = e.getLocation();
        String where = loc == null ? file.toString()
                : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        String what = e.getOriginalMessage();
        if (what != null) {
            what = what.replaceAll("\\s+", " ").trim();
            // Jackson quotes the offending token; in a config file that token may be a key.
            what = what.replaceAll("'[^']{9,}'", "'…'").replaceAll("\"[^\"]{9,}\"", "\"…\"");
            if (what.length() > 200) {
                what = what.substring(0, 200) + "…";
            }
        }
        return new SignalboxException(
                where + ": not valid " + format + " (line " + (loc == null ? "?" : loc.getLineNr())
                        + ", column " + (loc == null ? "?" : loc.getColumnNr()) + "): " + what,
                "fix the file by hand at that line and column (Signalbox has left it unchanged)", e);
    }
}
