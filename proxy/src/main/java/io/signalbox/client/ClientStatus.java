package io.signalbox.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * Where one client's file points right now (base URL and provider), read without changing it, and
 * after {@link #resolve} which profile that really is: {@code route} {@code active} (the proxy root,
 * which follows the active profile), {@code pinned} (the proxy's {@code /p/NAME} route) or
 * {@code direct}; {@code problem} says why the client cannot use that profile; {@code translatedTo} names the
 * API the proxy translates the client's requests into, when the profile speaks another one. Credentials are never
 * part of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientStatus(String client, String file, boolean exists, boolean managed, String provider,
        String baseUrl, String model, String error, String profile, String route, String problem,
        String translatedTo) {

    ClientStatus(String client, String file, boolean exists, boolean managed, String provider, String baseUrl,
            String model, String error) {
        this(client, file, exists, managed, provider, baseUrl, model, error, null, null, null, null);
    }

    /** Status of every client, each resolved against the active profile and the proxy port. */
    public static java.util.List<ClientStatus> all(Switcher switcher, int port, String active,
            java.util.List<Profile> profiles) {
        return Switcher.CLIENTS.stream().map(c -> of(switcher, c)
                .resolve(port, active, profiles, switcher.file(c).lastProfile())).toList();
    }

    /** Which profile the client really uses (following the active one, pinned, or direct) and whether it can. */
    ClientStatus resolve(int port, String active, java.util.List<Profile> profiles,
            java.util.Optional<String> last) {
        if (error != null || !exists) {
            return this;
        }
        ClientRoute r = ClientRoute.of(client, baseUrl, port);
        String name;
        String how;
        SwitchMode mode = SwitchMode.PROXY;
        switch (r.kind()) {
            case FOLLOWS_ACTIVE -> {
                name = active;
                how = "active";
            }
            case PINNED -> {
                name = r.profile();
                how = "pinned";
            }
            default -> {
                name = last.flatMap(n -> profiles.stream().filter(p -> p.name().equals(n)).findFirst())
                        .filter(p -> managed && baseUrl != null && sameUrl(baseUrl, p.baseUrl()))
                        .map(Profile::name).orElse(null);
                how = name == null ? null : "direct";
                mode = SwitchMode.DIRECT;
            }
        }
        if (name == null) {
            return how == null && r.kind() != ClientRoute.Kind.FOLLOWS_ACTIVE ? this
                    : with(null, how, "it follows the proxy's active profile and none is set");
        }
        var p = profiles.stream().filter(x -> x.name().equals(name)).findFirst();
        String problem = p.isEmpty() ? "profile '" + name + "' no longer exists"
                : ClientCompatibility.whyNot(client, p.get(), mode).orElse(null);
        String translated = problem == null && p.get().format() != ClientCompatibility.speaks(client)
                ? ClientCompatibility.api(p.get().format()) : null;
        return new ClientStatus(client, file, exists, managed, provider, baseUrl, model, error, name, how, problem,
                translated);
    }

    private ClientStatus with(String p, String how, String why) {
        return new ClientStatus(client, file, exists, managed, provider, baseUrl, model, error, p, how, why, null);
    }

    private static boolean sameUrl(String a, String b) {
        return a.replaceAll("/+$", "").equals(b.replaceAll("/+$", ""));
    }

    public static ClientStatus of(Switcher switcher, String client) {
        ManagedFile f = switcher.file(client);
        Path p = f.file();
        if (!Files.exists(p)) {
            return new ClientStatus(client, p.toString(), false, f.managed(), null, null, null, null);
        }
        try {
            byte[] bytes = Files.readAllBytes(p);
            if (client.equals("claude")) {
                // the checks a `use` makes first: a file it would refuse is reported, not shown as unmanaged
                new ClaudeSettingsText().checkWellFormed(p, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                JsonNode root = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.parse(p, bytes);
                JsonNode env = root.path("env");
                return new ClientStatus(client, p.toString(), true, f.managed(), null,
                        text(env.get(ClaudeVars.BASE_URL)), text(env.get("ANTHROPIC_MODEL")), null);
            }
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            new CodexConfigText().checkWellFormed(p, text);
            JsonNode root = CodexConfigText.parse(text);
            String provider = root.path("model_provider").isString() ? root.get("model_provider").asString() : "openai";
            return new ClientStatus(client, p.toString(), true, f.managed(), provider,
                    text(root.path("model_providers").path(provider).get("base_url")), text(root.get("model")), null);
        } catch (SignalboxException e) {
            return new ClientStatus(client, p.toString(), true, f.managed(), null, null, null, e.getMessage());
        } catch (java.io.IOException e) {
            return new ClientStatus(client, p.toString(), true, f.managed(), null, null, null,
                    "cannot read: " + e.getMessage());
        }
    }

    private static String text(JsonNode n) {
        return n == null || !n.isString() ? null : n.asString();
    }

    /** One line for humans. */
    public String describe() {
        if (error != null) {
            return client + ": " + file + ": " + error;
        }
        if (!exists) {
            return client + ": " + file + " does not exist (the client's defaults apply)";
        }
        String target = baseUrl == null ? "the client's default endpoint" : baseUrl;
        String uses = route == null ? "" : switch (route) {
            case "active" -> profile == null ? ", follows the active profile"
                    : ", uses '" + profile + "' (follows the active profile)";
            case "pinned" -> ", uses '" + profile + "' (pinned to its own route)";
            default -> ", uses '" + profile + "' (direct)";
        };
        return client + ": " + file + " -> " + target + (provider == null ? "" : " (provider " + provider + ")")
                + (model == null ? "" : ", model " + model) + uses
                + (translatedTo == null ? "" : ", translated by the proxy to " + translatedTo)
                + (managed ? "" : " [not managed by Signalbox]")
                + (problem == null ? "" : "\n  INCOMPATIBLE: " + problem);
    }
}
