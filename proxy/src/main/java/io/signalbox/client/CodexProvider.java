package io.signalbox.client;

import io.signalbox.common.SignalboxException;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelFamily;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Codex entries for a profile: {@code model_provider = "signalbox"}, {@code model},
 * {@code model_context_window} when the profile declares one (for a model Codex does not know), and the
 * {@code [model_providers.signalbox]} table. The credential goes into the table as
 * {@code experimental_bearer_token} (Codex 0.169 sends it as {@code Authorization: Bearer}), so a
 * codex started from a fresh shell needs no environment variable and auth.json is never touched.
 */
final class CodexProvider {
    private CodexProvider() {
    }

    /**
     * Through the proxy at {@code proxyRoot} ({@code http://127.0.0.1:PORT} for the active profile,
     * {@code http://127.0.0.1:PORT/p/NAME} for one profile) plus {@code /v1}, with the local token.
     */
    static Map<String, String> proxy(OwnedText f, Profile p, String proxyRoot, String localToken) {
        return entries(f, p, proxyRoot + "/v1", "experimental_bearer_token = " + f.quote(localToken), true);
    }

    static Map<String, String> direct(OwnedText f, Profile p, Optional<String> key) {
        ClientCompatibility.whyNot("codex", p, SwitchMode.DIRECT).ifPresent(why -> {
            throw new SignalboxException(why, ClientCompatibility.fix("codex", java.util.List.of()));
        });
        if (p.needsKey() && key.isEmpty()) {
            throw new SignalboxException("no key stored for profile '" + p.name() + "'",
                    "store it with: signalbox profile edit " + p.name() + " --key-stdin");
        }
        Map<String, String> headers = new LinkedHashMap<>(p.headers());
        String auth = "";
        if (key.isPresent()) {
            if (p.auth() != AuthStyle.BEARER) {
                headers.put(p.auth().headerName(), key.get());
            } else {
                auth = "experimental_bearer_token = " + f.quote(key.get());
            }
        }
        if (!headers.isEmpty()) {
            StringBuilder h = new StringBuilder("http_headers = { ");
            headers.forEach((k, v) -> h.append(f.quote(k)).append(" = ").append(f.quote(v)).append(", "));
            h.setLength(h.length() - 2);
            auth = (auth.isEmpty() ? "" : auth + "\n") + h.append(" }");
        }
        return entries(f, p, p.baseUrl(), auth, false);
    }

    private static Map<String, String> entries(OwnedText f, Profile p, String baseUrl, String auth, boolean proxy) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("model_provider", f.quote(CodexConfigText.PROVIDER_ID));
        model(p, proxy).ifPresent(m -> out.put("model", f.quote(m)));
        if (p.contextWindow() != null) {
            out.put("model_context_window", Integer.toString(p.contextWindow())); // a TOML integer
        }
        StringBuilder body = new StringBuilder();
        body.append("name = ").append(f.quote("Signalbox: " + p.name())).append('\n');
        body.append("base_url = ").append(f.quote(baseUrl)).append('\n');
        body.append("wire_api = \"responses\"\n");
        if (!auth.isEmpty()) {
            body.append(auth).append('\n');
        }
        out.put(CodexConfigText.TABLE_KEY, body.toString());
        return out;
    }

    /** The model Codex asks for: the profile's default (else sonnet, opus) — through the proxy, a name that maps to it. */
    static Optional<String> model(Profile p, boolean proxy) {
        ModelMap mm = p.models();
        Optional<String> m = mm.family(ModelFamily.DEFAULT).or(() -> mm.family(ModelFamily.SONNET))
                .or(() -> mm.family(ModelFamily.OPUS));
        if (m.isEmpty() || !proxy || mm.resolve(m.get()).equals(m.get())) {
            return m;
        }
        return mm.resolve(ModelMap.DEFAULT_ALIAS).equals(m.get()) ? Optional.of(ModelMap.DEFAULT_ALIAS) : m;
    }
}
