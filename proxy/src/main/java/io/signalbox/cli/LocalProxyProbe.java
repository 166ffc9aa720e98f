package io.signalbox.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Is a Signalbox proxy answering on 127.0.0.1:PORT? ({@code GET /health} names the service.) */
final class LocalProxyProbe {
    private LocalProxyProbe() {
    }

    static URI baseUrl(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The profiles the proxy on {@code port} passes over now (its failover cooldown), with the seconds
     * left, by name; empty when it cannot say (an older proxy, another token).
     */
    static java.util.Map<String, Long> cooling(int port, String token) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<String> res = c.send(HttpRequest.newBuilder(baseUrl(port).resolve("/signalbox/failover"))
                    .header("x-api-key", token).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                for (var e : io.signalbox.common.Json.MAPPER.readTree(res.body()).path("cooling")) {
                    out.put(io.signalbox.common.Printable.token(e.path("profile").asString("?")),
                            e.path("secondsLeft").asLong());
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    static boolean isRunning(int port) {
        try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<String> res = c.send(HttpRequest.newBuilder(baseUrl(port).resolve("/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 && res.body().contains("\"signalbox\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
