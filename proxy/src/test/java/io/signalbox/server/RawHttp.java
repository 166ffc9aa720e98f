package io.signalbox.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A hand-written HTTP/1.1 exchange, for headers java.net.http will not send (Host, Origin). */
final class RawHttp {
    record Response(int status, String head, String body) {
    }

    private RawHttp() {
    }

    static Response exchange(int port, String head, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder got = new StringBuilder();
            while (!got.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                got.append((char) c);
            }
            String h = got.toString().strip();
            int length = 0;
            for (String line : h.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            String b = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(h.substring(9, 12)), h, b);
        }
    }

    static String post(String path, String host, String extraHeaders, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n";
    }
}
