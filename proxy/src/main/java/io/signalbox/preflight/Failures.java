package io.signalbox.preflight;

import static io.signalbox.preflight.DiagnosisCode.*;

import io.signalbox.profile.Profile;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;

/** Turns a network exception (from a socket or the HTTP client) into a {@link Diagnosis}. */
final class Failures {
    private final UnaryOperator<String> scrub;

    Failures(UnaryOperator<String> scrub) {
        this.scrub = scrub;
    }

    Diagnosis of(Profile p, URI target, boolean viaProxy, Duration timeout, Throwable t) {
        String name = p.name();
        String host = target.getHost();
        String hostPort = host + ":" + port(target);
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof io.signalbox.forward.EgressProxy.RefusedException
                    || c instanceof io.signalbox.forward.EgressProxy.UnreachableException) {
                return Diagnosis.of(NETWORK_ERROR, message(c), "check HTTPS_PROXY / HTTP_PROXY, and NO_PROXY for hosts"
                        + " reached directly");
            }
        }
        if (find(t, UnknownHostException.class) != null || find(t, UnresolvedAddressException.class) != null) {
            return Diagnosis.of(DNS_FAILURE, "the host name '" + host + "' does not resolve (DNS failure)",
                    viaProxy ? "check the --via-proxy URL"
                            : "check the host in the base URL (signalbox profile edit " + name
                                    + " --base-url URL) and that the network or VPN is up");
        }
        if (find(t, HttpTimeoutException.class) != null || find(t, SocketTimeoutException.class) != null
                || find(t, TimeoutException.class) != null) {
            return Diagnosis.of(TIMEOUT, "no answer from " + hostPort + " within " + timeout.toMillis() + " ms (timeout)",
                    "check the network, VPN or HTTP proxy; for a slow provider allow more time: signalbox test "
                            + name + " --timeout " + Math.max(60, timeout.toSeconds() * 3));
        }
        SSLException ssl = find(t, SSLException.class);
        if (ssl != null || find(t, CertificateException.class) != null) {
            String why = ssl == null ? "certificate rejected" : message(ssl);
            String lower = why.toLowerCase(Locale.ROOT);
            String fix;
            if (lower.contains("plaintext") || lower.contains("unrecognized ssl message")
                    || lower.contains("unsupported or unrecognized")) {
                fix = "the server speaks plain HTTP there: signalbox profile edit " + name + " --base-url "
                        + p.baseUrl().replaceFirst("(?i)^https:", "http:");
            } else {
                fix = "the server's certificate is not trusted (self-signed, expired, wrong host, or a corporate TLS"
                        + " proxy): check the host in --base-url, or give Signalbox the CA: SIGNALBOX_CA_FILE=/path/to/ca.pem";
            }
            return Diagnosis.of(TLS_ERROR, "TLS handshake with " + hostPort + " failed: " + why, fix);
        }
        if (find(t, ConnectException.class) != null || find(t, NoRouteToHostException.class) != null) {
            if (viaProxy) {
                return Diagnosis.of(PROXY_UNAVAILABLE, "the local proxy at " + hostPort + " refused the connection",
                        "start it with: signalbox serve (or check the --via-proxy URL's port)");
            }
            return Diagnosis.of(CONNECTION_REFUSED, "connection to " + hostPort + " refused: nothing listens there",
                    "is the server running? check the host and port: signalbox profile edit " + name
                            + " --base-url URL");
        }
        return Diagnosis.of(NETWORK_ERROR, "network error talking to " + hostPort + ": " + message(t),
                "check the network and the base URL: signalbox profile show " + name);
    }

    static int port(URI u) {
        if (u.getPort() > 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private String message(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return Classifier.oneLine(scrub.apply(m));
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            for (Throwable s : c.getSuppressed()) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
            }
        }
        return null;
    }
}
