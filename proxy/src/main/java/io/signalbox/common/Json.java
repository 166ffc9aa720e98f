package io.signalbox.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.MismatchedInputException;
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
            throw new SignalboxException("cannot read " + file + ": " + SignalboxException.why(e),
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

    /**
     * A malformed-file error: "path:line:column: not valid FORMAT (line L, column C): reason", with the
     * fix, and that the file was left untouched. The reason is Signalbox's own short wording of the
     * parser's complaint: no parser internals, no Java types, no long tokens (they may be keys).
     */
    public static SignalboxException malformed(Path file, JacksonException e, String format) {
        TokenStreamLocation loc = e.getLocation();
        boolean known = loc != null && loc.getLineNr() > 0;
        String where = known ? file + ":" + loc.getLineNr() + ":" + loc.getColumnNr() : file.toString();
        String at = known ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")" : "";
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher ch = UNEXPECTED.matcher(original);
        String unexpected = ch.find() ? ch.group(1) : null;
        String unchanged = "Signalbox has left it unchanged";
        if (format.endsWith("JSON") && (original.contains("ALLOW_COMMENTS") || original.contains("ALLOW_YAML_COMMENTS")
                || "/".equals(unexpected) || "#".equals(unexpected))) {
            return new SignalboxException(where + ": not valid " + format + at + ": a comment",
                    "remove the comment: " + file.getFileName() + " must be plain JSON, comments are not allowed"
                            + " there (" + unchanged + ")", e);
        }
        return new SignalboxException(where + ": not valid " + format + at + ": " + reason(e, original, unexpected),
                "fix the file by hand" + (known ? " at that line and column" : "") + " (" + unchanged + ")", e);
    }

    private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.)'");
    /** The parser's complaints in plain words (checked in order; the first that matches is used). */
    private static final String[][] PLAIN = {
        {"double-quote to start property name", "a property name must be in double quotes"},
        {"comma to separate", "a comma is missing between two entries"},
        {"colon to separate", "a colon (:) is missing after a property name"},
        {"expected a value", "a value is missing"},
        {"expected a valid value", "a value is missing"},
        {"Unrecognized token", "text without double quotes where a value should be (a \"string\", number, true,"
                + " false, null, { … } or [ … ])"},
    };

    private static String reason(JacksonException e, String original, String unexpected) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof SignalboxException se) {
                // a value the product itself refused (an unknown format, auth style, …): its own words and fix
                String path = e.getPath().stream().filter(r -> r.getPropertyName() != null)
                        .map(r -> "\"" + r.getPropertyName() + "\"").reduce((a, b) -> a + "." + b).orElse(null);
                return (path == null ? "" : path + ": ") + se.getMessage() + (se.fix().isEmpty() ? "" : " — " + se.fix());
            }
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String path = e.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? "\"" + r.getPropertyName() + "\"" : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("the top level");
            return path + " should be " + expected(m.getTargetType());
        }
        if (e instanceof UnexpectedEndOfInputException || original.startsWith("Unexpected end-of-input")) {
            return "the file ends too early (a closing }, ] or \" is missing)";
        }
        if (("}".equals(unexpected) && original.contains("double-quote to start property name"))
                || ("]".equals(unexpected) && original.matches("(?s).*expected a (valid )?value.*"))) {
            return "a comma before '" + unexpected + "' has nothing after it (JSON allows no trailing comma)";
        }
        for (String[] p : PLAIN) {
            if (original.contains(p[0])) {
                return (unexpected == null ? "" : "unexpected '" + unexpected + "': ") + p[1];
            }
        }
        String what = original.replaceAll("\\s+", " ").trim();
        // Parser internals: where it started reading ("[Source: …]"), character codes, Java types.
        what = what.replaceAll("\\s*\\((?:start marker at|for [A-Za-z]+ starting at) \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
                .replaceAll(" \\(code \\d+\\)", "")
                .replace("`", "");
        // Jackson quotes the offending token; in a config file that token may be a key.
        what = what.replaceAll("(token|String) '[^']{9,}'", "$1 '…'").replaceAll("(token|String) \"[^\"]{9,}\"", "$1 \"…\"");
        if (what.length() > 200) {
            what = what.substring(0, 200) + "…";
        }
        return what.isEmpty() ? "cannot be read" : Character.toLowerCase(what.charAt(0)) + what.substring(1);
    }

    private static String expected(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == String.class || type.isEnum()) {
            return "a string in double quotes";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list [ … ]";
        }
        return "an object { … }";
    }
}
