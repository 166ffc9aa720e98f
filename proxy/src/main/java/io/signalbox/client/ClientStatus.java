package io.signalbox.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * Where one client's file points right now (base URL and provider), read without changing it.
 * Credentials are never part of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientStatus(String client, String file, boolean exists, boolean managed, String provider,
        String baseUrl, String model, String error) {

    public static ClientStatus of(Switcher switcher, String client) {
        ManagedFile f = switcher.file(client);
        Path p = f.file();
        if (!Files.exists(p)) {
            return new ClientStatus(client, p.toString(), false, f.managed(), null, null, null, null);
        }
        try {
            byte[] bytes = Files.readAllBytes(p);
            if (client.equals("claude")) {
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
        return client + ": " + file + " -> " + target + (provider == null ? "" : " (provider " + provider + ")")
                + (model == null ? "" : ", model " + model) + (managed ? "" : " [not managed by Signalbox]");
    }
}
