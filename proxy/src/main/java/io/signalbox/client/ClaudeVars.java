package io.signalbox.client;

import io.signalbox.common.Env;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelFamily;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Claude Code variables for a profile: what {@code use} writes into settings.json's {@code env}
 * and what {@code env}/{@code run} export. In proxy mode the model variables hold Claude-style
 * aliases that {@link ModelMap#resolve} maps back to the profile's models, so the real key and
 * the real model names stay with the proxy.
 */
public final class ClaudeVars {
    public static final String BASE_URL = "ANTHROPIC_BASE_URL";
    public static final String AUTH_TOKEN = "ANTHROPIC_AUTH_TOKEN";
    public static final String API_KEY = "ANTHROPIC_API_KEY";
    public static final String NO_KEY = "signalbox-no-key";
    /**
     * Claude Code's context window for a model it does not know (it assumes 1,000,000 tokens and
     * prints a notice on every start otherwise): written when the profile declares the window of
     * the models it maps Claude Code's names to.
     */
    public static final String CONTEXT_WINDOW = "CLAUDE_CODE_MAX_CONTEXT_TOKENS";
    /**
     * Claude Code's {@code max_tokens} (32,000 or more otherwise, which some providers refuse): written
     * when the profile declares an output cap. Through the proxy a larger request is lowered anyway;
     * with it Claude Code also plans its answers and its compaction for the smaller limit.
     */
    public static final String MAX_OUTPUT = "CLAUDE_CODE_MAX_OUTPUT_TOKENS";

    /** Claude Code's variable for each model slot. */
    public static final Map<ModelFamily, String> SLOT_VARS = Map.of(
            ModelFamily.DEFAULT, "ANTHROPIC_MODEL",
            ModelFamily.OPUS, "ANTHROPIC_DEFAULT_OPUS_MODEL",
            ModelFamily.SONNET, "ANTHROPIC_DEFAULT_SONNET_MODEL",
            ModelFamily.HAIKU, "ANTHROPIC_DEFAULT_HAIKU_MODEL",
            ModelFamily.SUBAGENT, "CLAUDE_CODE_SUBAGENT_MODEL");

    private ClaudeVars() {
    }

    /**
     * Variables through the local proxy at {@code baseUrl} (no /v1), authenticated with the local token;
     * {@code env} is the environment whose {@code NO_PROXY}/{@code no_proxy} entries are kept (the
     * written value replaces them for Claude Code).
     */
    public static Map<String, String> proxy(Profile p, String baseUrl, String localToken, Consumer<String> warn,
            Env env) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(BASE_URL, baseUrl);
        out.put(AUTH_TOKEN, localToken);
        out.putAll(ProxyBypass.vars(env));
        for (ModelFamily f : ModelFamily.values()) {
            Optional<String> model = p.models().family(f);
            if (model.isEmpty()) {
                continue;
            }
            Optional<String> name = p.models().claudeCodeName(f);
            if (name.isPresent()) {
                out.put(SLOT_VARS.get(f), name.get());
            } else {
                warn.accept("profile '" + p.name() + "': a model rule catches both '" + ModelMap.alias(f) + "' and '"
                        + model.get() + "', so Claude Code's " + SLOT_VARS.get(f) + " is not written (the proxy's rules apply)");
            }
        }
        contextWindow(p, out);
        return out;
    }

    /**
     * The window goes with the model names it describes: only when a model variable is written. The
     * output cap goes whenever the profile has one.
     */
    private static void contextWindow(Profile p, Map<String, String> out) {
        if (p.contextWindow() != null && SLOT_VARS.values().stream().anyMatch(out::containsKey)) {
            out.put(CONTEXT_WINDOW, Integer.toString(p.contextWindow()));
        }
        if (p.maxOutputTokens() != null) {
            out.put(MAX_OUTPUT, Integer.toString(p.maxOutputTokens()));
        }
    }

    /** Variables that send Claude Code straight to the provider with its real key and model names. */
    public static Map<String, String> direct(Profile p, Optional<String> key) {
        ClientCompatibility.require("claude", p, SwitchMode.DIRECT, java.util.List.of());
        if (p.needsKey() && key.isEmpty()) {
            throw new SignalboxException("no key stored for profile '" + p.name() + "'",
                    "store it with: signalbox profile edit " + p.name() + " --key-stdin");
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put(BASE_URL, p.baseUrl());
        out.put(p.auth() == AuthStyle.X_API_KEY ? API_KEY : AUTH_TOKEN, key.orElse(NO_KEY));
        for (ModelFamily f : ModelFamily.values()) {
            p.models().family(f).ifPresent(m -> out.put(SLOT_VARS.get(f), m));
        }
        contextWindow(p, out);
        return out;
    }
}
