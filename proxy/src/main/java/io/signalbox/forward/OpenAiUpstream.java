package io.signalbox.forward;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.Profile;
import io.signalbox.route.Rejection;
import java.net.URI;

/**
 * An OpenAI-format upstream (Chat Completions or Responses). Its base URL already ends in the
 * version segment ({@code https://api.openai.com/v1}), so the incoming {@code /v1} is dropped.
 * Anthropic Messages requests ({@link #translatesMessages}) are translated into the profile's API and go to
 * {@code /chat/completions} or {@code /responses}; Responses API requests ({@link #translatesResponses}) to a
 * Chat Completions profile are translated and go to {@code /chat/completions}.
 */
final class OpenAiUpstream implements UpstreamAdapter {
    static final OpenAiUpstream INSTANCE = new OpenAiUpstream();

    /** True when the proxy translates {@code endpoint}'s Anthropic requests into {@code profile}'s API. */
    static boolean translatesMessages(Profile profile, Endpoint endpoint) {
        return endpoint.api() == Endpoint.ClientApi.ANTHROPIC && profile.format().isOpenAi();
    }

    /** True when the proxy translates Responses API requests (Codex's) into {@code profile}'s Chat Completions API. */
    static boolean translatesResponses(Profile profile, Endpoint endpoint) {
        return endpoint == Endpoint.RESPONSES && profile.format() == ApiFormat.OPENAI_CHAT;
    }

    @Override
    public URI target(Profile profile, Endpoint endpoint, String rawQuery) {
        if (translatesResponses(profile, endpoint)) {
            return UpstreamAdapter.join(profile.baseUrl(), "/chat/completions", rawQuery);
        }
        if (translatesMessages(profile, endpoint)) {
            boolean chat = profile.format() == ApiFormat.OPENAI_CHAT;
            if (endpoint == Endpoint.MESSAGES) {
                // Claude Code's ?beta=true is Anthropic's; an OpenAI API has no use for it
                return UpstreamAdapter.join(profile.baseUrl(), chat ? "/chat/completions" : "/responses", null);
            }
            throw Rejection.notFound("profile '" + profile.name() + "' speaks the OpenAI " + (chat ? "Chat Completions"
                    : "Responses") + " API, which has no " + endpoint.path() + " endpoint; Claude Code counts tokens"
                    + " itself when this is missing");
        }
        return UpstreamAdapter.join(profile.baseUrl(), endpoint.path().substring("/v1".length()), rawQuery);
    }
}
