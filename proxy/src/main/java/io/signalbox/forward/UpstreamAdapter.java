package io.signalbox.forward;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.Profile;
import io.signalbox.route.Rejection;
import java.net.URI;

/**
 * How requests reach one upstream API family ({@link Profile#format()}). Today each family passes
 * its own endpoints through; format translation (Anthropic ↔ OpenAI) plugs in here by returning a
 * plan that converts the body and the stream.
 */
public interface UpstreamAdapter {

    /**
     * The upstream URI for {@code endpoint}.
     *
     * @throws Rejection when this family cannot serve the endpoint
     */
    URI target(Profile profile, Endpoint endpoint, String rawQuery);

    static UpstreamAdapter forFormat(ApiFormat format) {
        return format == ApiFormat.ANTHROPIC ? AnthropicUpstream.INSTANCE : OpenAiUpstream.INSTANCE;
    }

    static URI join(String base, String path, String rawQuery) {
        return Uris.parse(base + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }

    /** Parsed upstream URIs, so a profile's few targets are parsed once, not per request. */
    final class Uris {
        private static final int MAX = 512;
        private static final java.util.concurrent.ConcurrentHashMap<String, URI> CACHE =
                new java.util.concurrent.ConcurrentHashMap<>();

        private Uris() {
        }

        static URI parse(String s) {
            URI u = CACHE.get(s);
            if (u == null) {
                u = URI.create(s); // throws for a bad URI, as before: nothing cached
                if (CACHE.size() >= MAX) {
                    CACHE.clear();
                }
                CACHE.put(s, u);
            }
            return u;
        }
    }
}
