package io.signalbox.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A TCP relay in front of the proxy that records the raw bytes a client sends, so a test can
 * compare what the client sent to the proxy with what the upstream received, byte for byte.
 */
final class WireTap implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final ByteArrayOutputStream clientBytes = new ByteArrayOutputStream();

    WireTap(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                Socket p = new Socket(InetAddress.getLoopbackAddress(), target);
                Thread.ofVirtual().start(() -> pipe(c, p, true));
                Thread.ofVirtual().start(() -> pipe(p, c, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean record) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (record) {
                    synchronized (clientBytes) {
                        clientBytes.write(buf, 0, n);
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** Whether clients sent {@code text} anywhere (headers or bodies). */
    boolean clientsSent(String text) {
        synchronized (clientBytes) {
            return clientBytes.toString(StandardCharsets.UTF_8).contains(text);
        }
    }

    /** How many times clients sent {@code text} (headers or bodies). */
    int timesSent(String text) {
        String all;
        synchronized (clientBytes) {
            all = clientBytes.toString(StandardCharsets.UTF_8);
        }
        int n = 0;
        for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
    }

    /** Every raw value of header {@code name} in what clients sent (ISO-8859-1, as on the wire). */
    List<String> headerValues(String name) {
        String raw;
        synchronized (clientBytes) {
            raw = clientBytes.toString(StandardCharsets.ISO_8859_1);
        }
        List<String> out = new ArrayList<>();
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : raw.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                out.add(line.substring(prefix.length()).strip());
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
