package io.signalbox.forward;

import io.signalbox.profile.Profile;
import io.signalbox.route.Rejection;
import java.net.URI;

/**
 * An OpenAI-format upstream (Chat Completions or Responses). Its base URL already ends in the
 * version segment ({@code https://api.openai.com/v1}), so the incoming {@code /v1} is dropped.
 */
final class OpenAiUpstream implements UpstreamAdapter {
    static final OpenAiUpstream INSTANCE = new OpenAiUpstream();

    @Override
    public URI target(Profile profile, Endpoint endpoint, String rawQuery) {
        if (endpoint.api() != Endpoint.ClientApi.OPENAI) {
            throw Rejection.invalidRequest("profile '" + profile.name() + "' speaks the " + profile.format().id()
                    + " API, and format translation from Anthropic Messages is not available yet for that profile."
                    + " Use an Anthropic-format profile for Claude Code (signalbox use NAME; see: signalbox profile list).");
        }
        return UpstreamAdapter.join(profile.baseUrl(), endpoint.path().substring("/v1".length()), rawQuery);
    }
}
