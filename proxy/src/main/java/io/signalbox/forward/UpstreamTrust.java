package io.signalbox.forward;

import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for {@code https://} upstreams: the JDK's CAs plus, optionally, the certificates
 * of one PEM file ({@code SIGNALBOX_CA_FILE}) — added to the defaults, never replacing them.
 */
public final class UpstreamTrust {
    private UpstreamTrust() {
    }

    /** An SSL context trusting the JDK's CAs and those in {@code pemFile}; null when there is no file. */
    public static SSLContext withExtraCas(Path pemFile) {
        if (pemFile == null) {
            return null;
        }
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(pemFile)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new SignalboxException("cannot read the CA certificates in " + pemFile + " ("
                    + e.getClass().getSimpleName() + ")", "point SIGNALBOX_CA_FILE at a PEM file of CA certificates");
        }
        if (extra.isEmpty()) {
            throw new SignalboxException(pemFile + " holds no certificate",
                    "point SIGNALBOX_CA_FILE at a PEM file of CA certificates");
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : jdkDefaults().getAcceptedIssuers()) {
                ks.setCertificateEntry("jdk-" + i++, c);
            }
            for (Certificate c : extra) {
                ks.setCertificateEntry("extra-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new SignalboxException("cannot set up TLS trust with " + pemFile + " (" + e.getClass().getSimpleName()
                    + ")", "check that SIGNALBOX_CA_FILE holds PEM certificates");
        }
    }

    private static X509TrustManager jdkDefaults() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no default X509TrustManager");
    }
}
