package io.signalbox.client;

import io.signalbox.common.SignalboxException;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Profile;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says which client can use which profile. A client can use a profile when the
 * proxy (or, in direct mode, the provider) serves the API the client speaks: Claude Code speaks the
 * Anthropic Messages API and Codex the OpenAI Responses API. Through the proxy, both can also use an
 * {@code openai-chat} profile: the proxy translates their requests to the Chat Completions API and the
 * answers back. Direct mode cannot translate, so there each client needs its own API.
 * {@code use}, {@code status}, {@code env} and {@code run} all ask this class.
 */
public final class ClientCompatibility {
    private ClientCompatibility() {
    }

    /** The API format a client speaks. */
    public static ApiFormat speaks(String client) {
        return switch (client) {
            case "claude" -> ApiFormat.ANTHROPIC;
            case "codex" -> ApiFormat.OPENAI_RESPONSES;
            default -> throw new IllegalArgumentException("unknown client " + client);
        };
    }

    /** True when {@code client} can use profile {@code p} in {@code mode}. */
    public static boolean canUse(String client, Profile p, SwitchMode mode) {
        return (p.format() == speaks(client) || (mode == SwitchMode.PROXY && translated(client, p)))
                && !keyHeaderUnsendable(client, p, mode);
    }

    /**
     * True when {@code use} moves {@code client} to {@code p} without being told to. Claude Code reaches an
     * {@code openai-responses} profile only when named ({@code --clients claude}): such a profile is most
     * often OpenAI for Codex, and a switch of Codex should not take Claude Code along into a translation.
     */
    public static boolean followsByDefault(String client, Profile p, SwitchMode mode) {
        return canUse(client, p, mode) && !(client.equals("claude") && p.format() == ApiFormat.OPENAI_RESPONSES);
    }

    /** Why {@code use} without {@code --clients} leaves {@code client} off {@code p}, or empty if it moves it. */
    public static Optional<String> whyNotByDefault(String client, Profile p, SwitchMode mode) {
        if (followsByDefault(client, p, mode)) {
            return Optional.empty();
        }
        return whyNot(client, p, mode).or(() -> Optional.of(p.name() + " speaks " + api(p.format()) + ", which "
                + clientName(client) + " reaches through the proxy's translation only when named"));
    }

    /** How to move {@code client} to {@code p} after all, when only {@code --clients} stands in the way. */
    static Optional<String> namedFix(String client, Profile p, SwitchMode mode) {
        return canUse(client, p, mode) && !followsByDefault(client, p, mode)
                ? Optional.of("to send " + clientName(client) + " there too: signalbox use " + p.name() + " --clients "
                        + String.join(",", List.of("claude", "codex")))
                : Optional.empty();
    }

    /** True when the proxy translates {@code client}'s requests into {@code p}'s API. */
    static boolean translated(String client, Profile p) {
        return p.format() != speaks(client)
                && (p.format() == ApiFormat.OPENAI_CHAT || (client.equals("claude") && p.format().isOpenAi()));
    }

    /**
     * Claude Code sends its key as {@code Authorization} or {@code x-api-key} only; a provider that wants
     * it in {@code api-key} is reached through the proxy, which sends it there.
     */
    private static boolean keyHeaderUnsendable(String client, Profile p, SwitchMode mode) {
        return mode == SwitchMode.DIRECT && client.equals("claude") && p.auth() == AuthStyle.API_KEY;
    }

    /** Why {@code client} cannot use {@code p}, or empty if it can. */
    public static Optional<String> whyNot(String client, Profile p, SwitchMode mode) {
        if (canUse(client, p, mode)) {
            return Optional.empty();
        }
        if (keyHeaderUnsendable(client, p, mode)) {
            return Optional.of(p.name() + " wants its key in an api-key header, which " + clientName(client)
                    + " cannot send in direct mode");
        }
        return Optional.of(p.name() + " speaks " + api(p.format()) + "; " + clientName(client) + " speaks "
                + api(speaks(client)) + "; " + (translated(client, p)
                        ? "direct mode cannot bridge them (the proxy translates between them)"
                        : (mode == SwitchMode.PROXY ? "" : "direct mode cannot bridge them, and ") + TRANSLATES));
    }

    /** What {@code use} says when {@code client} reaches {@code p} through the proxy's translation. */
    static String translationNote(String client, Profile p) {
        return clientName(client) + " speaks " + api(speaks(client)) + " and '" + p.name() + "' " + api(p.format())
                + ": the proxy translates each request and answer (text, images, tools, streaming, token usage); "
                + (client.equals("claude") ? "Anthropic-only features (server tools such as web search, prompt-caching"
                        + " controls, token counting) are not available" : "Codex's web search and sub-agent tools are"
                        + " not available");
    }

    /** What the proxy translates (said when a pairing is refused). */
    static final String TRANSLATES = "the proxy translates Codex's requests only to the Chat Completions API"
            + " (openai-chat profiles)";

    /**
     * How to use {@code p} with {@code client} after all, when only the mode stands in the way: the
     * proxy sends the key in whatever header the provider wants.
     */
    public static Optional<String> modeFix(String client, Profile p, SwitchMode mode) {
        if (keyHeaderUnsendable(client, p, mode)) {
            return Optional.of("use it through the proxy, which sends the key as api-key: signalbox use " + p.name()
                    + " (without --mode direct)");
        }
        return mode == SwitchMode.DIRECT && translated(client, p) && !keyHeaderUnsendable(client, p, SwitchMode.PROXY)
                ? Optional.of("use it through the proxy, which translates " + clientName(client) + "'s requests: signalbox"
                        + " use " + p.name() + " (without --mode direct)")
                : Optional.empty();
    }

    /** How to give {@code client} a profile it can use, naming one from {@code profiles} if there is one. */
    public static String fix(String client, List<Profile> profiles) {
        return "pick " + formats(client) + " profile for " + clientName(client)
                + " with `signalbox use " + usable(client, profiles) + " --clients " + client + "`";
    }

    /** As {@link #fix}, for one run: {@code signalbox run NAME -- COMMAND} writes no file, as the run did not. */
    public static String runFix(String client, List<Profile> profiles) {
        return "pick " + formats(client) + " profile for " + clientName(client) + " with `signalbox run "
                + usable(client, profiles) + " -- " + client + "`";
    }

    /** The formats a client can use through the proxy, with their article ("an anthropic or openai-chat"). */
    private static String formats(String client) {
        return client.equals("claude") ? "an " + ApiFormat.ANTHROPIC.id() + ", " + ApiFormat.OPENAI_CHAT.id() + " or "
                + ApiFormat.OPENAI_RESPONSES.id() : "an " + speaks(client).id() + " or " + ApiFormat.OPENAI_CHAT.id();
    }

    /** The first of {@code profiles} that {@code client} can use, or {@code OTHER}. */
    public static String usable(String client, List<Profile> profiles) {
        return profiles.stream().filter(p -> canUse(client, p, SwitchMode.PROXY)).map(Profile::name)
                .findFirst().orElse("OTHER");
    }

    /** Throws when {@code client} cannot use {@code p}. */
    public static void require(String client, Profile p, SwitchMode mode, List<Profile> profiles) {
        whyNot(client, p, mode).ifPresent(why -> {
            throw new SignalboxException(why, modeFix(client, p, mode).orElseGet(() -> fix(client, profiles)));
        });
    }

    public static String clientName(String client) {
        return switch (client) {
            case "claude" -> "Claude Code";
            case "codex" -> "Codex";
            default -> client;
        };
    }

    static String api(ApiFormat f) {
        return switch (f) {
            case ANTHROPIC -> "the Anthropic Messages API";
            case OPENAI_CHAT -> "the OpenAI Chat Completions API";
            case OPENAI_RESPONSES -> "the OpenAI Responses API";
        };
    }
}
