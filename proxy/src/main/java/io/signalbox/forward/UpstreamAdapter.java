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
        return URI.create(base + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }
}
