package io.signalbox.route;

import io.signalbox.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thinking block's signature belongs to the model that wrote it: replayed to another model (after
 * a switch of profile mid-session) it is refused with "Invalid signature" and the session is stuck.
 * This ledger remembers which upstream — profile and model — produced each signature the proxy
 * relayed, and {@link #dropForeign} removes from a request the thinking blocks another upstream
 * signed. Signatures it never saw (from before the proxy started) are left alone. Only the
 * signatures' hashes are kept, in a bounded, least-recently-used map.
 */
public final class ThinkingSignatures {
    static final int CAPACITY = 50_000;
    private static final byte[] KEY = "\"signature\"".getBytes(StandardCharsets.US_ASCII);
    private static final String OMITTED = "[thinking omitted: it was signed by another provider or model]";

    private final Map<Long, String> origins = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > CAPACITY;
        }
    };
    /** Every origin seen so far: while it holds only the current one, requests are not even scanned. */
    private final Set<String> seenOrigins = ConcurrentHashMap.newKeySet();

    /** The origin of a request: the profile and the model it reaches upstream. */
    public static String origin(String profile, String upstreamModel) {
        return profile + "\u0000" + (upstreamModel == null ? "" : upstreamModel);
    }

    /**
     * The signature the proxy gives the thinking blocks it makes from a Chat Completions provider's
     * reasoning ({@code origin}'s): the provider signs nothing, and without a signature of its own such
     * a block could not be told apart from others when it is replayed after a switch.
     */
    public static String translated(String origin) {
        return "signalbox-translated-" + Long.toHexString(hash(origin));
    }

    /** Records every signature in {@code buf[off, off+len)} (a response body, or one SSE event) as {@code origin}'s. */
    public void record(String origin, byte[] buf, int off, int len) {
        List<String> sigs = signatures(buf, off, len);
        if (sigs.isEmpty()) {
            return;
        }
        seenOrigins.add(origin);
        synchronized (origins) {
            for (String s : sigs) {
                origins.put(hash(s), origin);
            }
        }
    }

    /** Which origin produced {@code signature}, or null when this proxy never relayed it. */
    String originOf(String signature) {
        synchronized (origins) {
            return origins.get(hash(signature));
        }
    }

    /** The request body with the thinking blocks another origin signed removed; {@code body} itself when none. */
    public BodyBytes dropForeign(BodyBytes body, String current) {
        if (seenOrigins.isEmpty() || (seenOrigins.size() == 1 && seenOrigins.contains(current))) {
            return body;
        }
        byte[] b = body.toByteArray();
        boolean foreign = false;
        for (String s : signatures(b, 0, b.length)) {
            String o = originOf(s);
            if (o != null && !o.equals(current)) {
                foreign = true;
                break;
            }
        }
        if (!foreign) {
            return body;
        }
        JsonNode root = Json.MAPPER.readTree(b);
        if (!(root instanceof ObjectNode req) || !(req.get("messages") instanceof ArrayNode messages)) {
            return body;
        }
        ObjectNode lastAssistant = null;
        boolean lastLostItsLead = false;
        for (JsonNode m : messages) {
            if (!(m instanceof ObjectNode msg) || !"assistant".equals(msg.path("role").asString(null))
                    || !(msg.get("content") instanceof ArrayNode content)) {
                continue;
            }
            lastAssistant = msg;
            lastLostItsLead = false;
            int index = 0;
            for (Iterator<JsonNode> it = content.iterator(); it.hasNext(); index++) {
                JsonNode block = it.next();
                if ("thinking".equals(block.path("type").asString(null))) {
                    String o = originOf(block.path("signature").asString(""));
                    if (o != null && !o.equals(current)) {
                        it.remove();
                        lastLostItsLead |= index == 0;
                    }
                }
            }
            if (content.isEmpty()) {
                content.addObject().put("type", "text").put("text", OMITTED);
            }
        }
        // With thinking on, the last assistant turn of a tool loop must start with its thinking block;
        // without the foreign one, this one request goes without thinking.
        if (lastAssistant != null && lastLostItsLead && hasToolUse(lastAssistant)
                && !"disabled".equals(req.path("thinking").path("type").asString("disabled"))) {
            req.putObject("thinking").put("type", "disabled");
        }
        return BodyBytes.of(Json.COMPACT.writeValueAsBytes(req));
    }

    private static boolean hasToolUse(ObjectNode assistant) {
        for (JsonNode block : assistant.path("content")) {
            if ("tool_use".equals(block.path("type").asString(null))) {
                return true;
            }
        }
        return false;
    }

    /** The values of every {@code "signature": "..."} member in the bytes (not ones quoted inside a string). */
    static List<String> signatures(byte[] b, int off, int len) {
        List<String> out = new ArrayList<>(0);
        int end = off + len;
        for (int i = indexOf(b, off, end); i >= 0; i = indexOf(b, i + KEY.length, end)) {
            if (i > 0 && b[i - 1] == '\\') {
                continue; // \"signature\" inside a JSON string: text, not a member
            }
            int j = i + KEY.length;
            while (j < end && (b[j] == ' ' || b[j] == ':' || b[j] == '\t')) {
                j++;
            }
            if (j >= end || b[j] != '"') {
                continue;
            }
            int k = j + 1;
            while (k < end && b[k] != '"' && b[k] != '\\') {
                k++;
            }
            if (k < end && b[k] == '"' && k > j + 1) {
                out.add(new String(b, j + 1, k - j - 1, StandardCharsets.US_ASCII));
            }
        }
        return out;
    }

    private static int indexOf(byte[] b, int from, int end) {
        outer:
        for (int i = from; i <= end - KEY.length; i++) {
            if (b[i] != '"') {
                continue;
            }
            for (int k = 1; k < KEY.length; k++) {
                if (b[i + k] != KEY[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long hash(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ ((long) s.hashCode() << 32) ^ s.length();
    }
}
