package io.signalbox.app.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Finds out who, if anyone, serves a local port: nobody, a Signalbox proxy, or something else. */
public final class PortProbe {
    public enum Result { FREE, SIGNALBOX, OTHER }

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private PortProbe() {
    }

    public static Result check(int port) {
        if (isFree(port)) {
            return Result.FREE;
        }
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<String> health = client.send(get(port, "/health"), HttpResponse.BodyHandlers.ofString());
            String body = health.body().replace(" ", "");
            return health.statusCode() == 200 && body.contains("\"service\":\"signalbox\"")
                    ? Result.SIGNALBOX : Result.OTHER;
        } catch (IOException e) {
            return Result.OTHER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.OTHER;
        }
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT).GET().build();
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now, for "pick another port". */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }
}
