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
