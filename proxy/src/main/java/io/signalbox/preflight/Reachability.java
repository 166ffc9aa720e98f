package io.signalbox.preflight;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The network steps before any HTTP: DNS through the injected {@link Resolver}, a TCP connect,
 * and for https a TLS handshake with the same trust the HTTP client uses (so a certificate the
 * client would reject fails here, with its own step).
 */
final class Reachability {
    private final Resolver resolver;
    private final SSLContext ssl;
    private final Duration timeout;

    Reachability(Resolver resolver, SSLContext ssl, Duration timeout) {
        this.resolver = resolver;
        this.ssl = ssl;
        this.timeout = timeout;
    }

    List<InetAddress> dns(String host) throws IOException {
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses == null || addresses.isEmpty()) {
            throw new java.net.UnknownHostException(host);
        }
        return addresses;
    }

    static String describe(String host, List<InetAddress> addresses) {
        return host + " -> " + addresses.stream().limit(3).map(InetAddress::getHostAddress)
                .collect(Collectors.joining(", ")) + (addresses.size() > 3 ? ", …" : "");
    }

    /** Connects to the first address that accepts; rethrows the first address's failure if none does. */
    InetAddress tcp(List<InetAddress> addresses, int port) throws IOException {
        IOException first = null;
        for (InetAddress a : addresses.subList(0, Math.min(3, addresses.size()))) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a, port), millis());
                return a;
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    /** Handshakes with {@code address} as {@code host}; returns the protocol, e.g. "TLSv1.3". */
    String tls(URI target, InetAddress address, int port) throws IOException {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), millis());
            return tls(target, raw, port);
        }
    }

    /** Handshakes as {@code target}'s host over {@code raw}, already connected (e.g. a tunnel through an HTTP proxy). */
    String tls(URI target, Socket raw, int port) throws IOException {
        {
            raw.setSoTimeout(millis());
            try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(raw, target.getHost(), port, false)) {
                SSLParameters params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!isIpLiteral(target.getHost())) {
                    params.setServerNames(List.of(new SNIHostName(target.getHost())));
                }
                s.setSSLParameters(params);
                s.startHandshake();
                return s.getSession().getProtocol();
            }
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    int millis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
