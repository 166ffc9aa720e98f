package io.signalbox.forward;

import io.signalbox.profile.Profile;
import io.signalbox.route.Rejection;
import java.net.URI;

/** An Anthropic-format upstream: the base URL is the API root; Anthropic endpoints pass through. */
final class AnthropicUpstream implements UpstreamAdapter {
    static final AnthropicUpstream INSTANCE = new AnthropicUpstream();

    @Override
    public URI target(Profile profile, Endpoint endpoint, String rawQuery) {
        if (endpoint.api() != Endpoint.ClientApi.ANTHROPIC) {
            throw Rejection.invalidRequest("profile '" + profile.name() + "' speaks the Anthropic Messages API;"
                    + " OpenAI requests (" + endpoint.path() + ") cannot be translated for it yet."
                    + " Send them through an OpenAI-format profile: /p/NAME" + endpoint.path());
        }
        return UpstreamAdapter.join(profile.baseUrl(), endpoint.path(), rawQuery);
    }
}
