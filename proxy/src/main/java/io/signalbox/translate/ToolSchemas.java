package io.signalbox.translate;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client tool's {@code input_schema} as a Chat Completions function's {@code parameters}. Every
 * provider gets it without {@code $schema} (a meta-schema URL no provider needs, and some refuse).
 * Providers that take only a subset of JSON Schema ({@link ChatDialect#plainSchemas()}: Gemini) get
 * each schema reduced to the keywords of that subset: {@code const} becomes a one-value {@code enum}, a
 * nullable type list ({@code ["string", "null"]}) becomes the type plus {@code nullable}, string formats
 * other than {@code date-time} and {@code enum} are dropped, and so is every other keyword
 * ({@code additionalProperties}, {@code exclusiveMinimum}, {@code propertyNames}, {@code $ref}, …). The
 * names under {@code properties} are the tool's own and are kept as they are. The input is never changed.
 */
final class ToolSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The keywords of the schema subset Gemini accepts. */
    private static final Set<String> PLAIN = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "example", "anyOf", "items", "minimum", "maximum", "default", "propertyOrdering");
    private static final Set<String> PLAIN_STRING_FORMATS = Set.of("date-time", "enum");

    private ToolSchemas() {
    }

    /** {@code schema} as the parameters {@code dialect} accepts (a copy). */
    static JsonNode parameters(JsonNode schema, ChatDialect dialect) {
        if (!schema.isObject()) {
            return schema;
        }
        if (dialect.plainSchemas()) {
            return plain(schema);
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        copy.remove("$schema");
        return copy;
    }

    /** One schema reduced to the plain subset, recursively (non-objects as they are). */
    private static JsonNode plain(JsonNode schema) {
        if (!(schema instanceof ObjectNode in)) {
            return schema.deepCopy();
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : in.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            switch (k) {
                case "properties" -> {
                    if (v instanceof ObjectNode props) {
                        ObjectNode p = out.putObject("properties");
                        for (Map.Entry<String, JsonNode> prop : props.properties()) {
                            p.set(prop.getKey(), plain(prop.getValue()));
                        }
                    }
                }
                case "items" -> out.set("items", v.isArray() ? plainAll(v) : plain(v));
                case "anyOf" -> out.set("anyOf", plainAll(v));
                case "const" -> out.putArray("enum").add(v.deepCopy());
                case "type" -> type(v, out);
                default -> {
                    if (PLAIN.contains(k)) {
                        out.set(k, v.deepCopy());
                    }
                }
            }
        }
        if (out.path("format").isString() && "string".equals(out.path("type").asString(""))
                && !PLAIN_STRING_FORMATS.contains(out.path("format").stringValue())) {
            out.remove("format");
        }
        if (out.path("enum").isArray() && !out.has("type")) {
            out.put("type", "string");
        }
        return out;
    }

    private static ArrayNode plainAll(JsonNode list) {
        ArrayNode out = NODES.arrayNode();
        if (list.isArray()) {
            for (JsonNode s : list) {
                out.add(plain(s));
            }
        }
        return out;
    }

    /** A type name as it is; a list of types as its one non-null type (plus nullable), else left out. */
    private static void type(JsonNode v, ObjectNode out) {
        if (!v.isArray()) {
            out.set("type", v.deepCopy());
            return;
        }
        String only = null;
        int named = 0;
        boolean nullable = false;
        for (Iterator<JsonNode> it = v.iterator(); it.hasNext();) {
            String t = it.next().asString("");
            if (t.equals("null")) {
                nullable = true;
            } else if (!t.isEmpty()) {
                only = t;
                named++;
            }
        }
        if (named == 1) {
            out.put("type", only);
        }
        if (nullable) {
            out.put("nullable", true);
        }
    }
}
