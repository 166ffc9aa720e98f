package io.signalbox.preflight;

import java.net.URI;

/**
 * Where the local proxy listens and the token it expects. The proxy step speaks to it the way the
 * profile's client does: for an Anthropic profile as Claude Code (Anthropic Messages at
 * {@code {url}/p/NAME/v1/messages}, the local token in both {@code x-api-key} and
 * {@code Authorization: Bearer}, a Claude model name for the proxy to map); for an OpenAI-format
 * profile as Codex (its own format at {@code {url}/p/NAME/v1/…}, the token as Bearer).
 */
public record ViaProxy(URI url, String localToken) {
    public static final String PROBE_MODEL = "claude-sonnet-4-5";

    public ViaProxy {
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        url = URI.create(s);
    }

    /** The Anthropic-format root the proxy serves for {@code profile}. */
    public URI profileBase(String profile) {
        return URI.create(url + "/p/" + profile);
    }

    /** The OpenAI-style base ({@code …/v1}) the proxy serves for {@code profile}, as Codex is given it. */
    public URI openAiBase(String profile) {
        return URI.create(profileBase(profile) + "/v1");
    }
}
