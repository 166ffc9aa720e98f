package io.signalbox.forward;

import java.io.IOException;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;

/**
 * An HTTP/1.1 connection to an upstream (plain or TLS) that still reads the upstream's answer when
 * sending the request body failed. A server may answer before it has read the body — a 413 when
 * the body is larger than it takes, a 401 from an auth check in front of the handler — and close
 * the connection; the body's remaining bytes then meet a reset ("Broken pipe", "Connection
 * reset"). The answer has arrived by then and is what the user needs to see (its words say what
 * to fix), so the write failure is held back until the answer has been looked for: when one
 * arrived it is returned (and the connection, no longer consistent, is not reused); when none did
 * the write failure is thrown, as before.
 */
final class UpstreamConnection extends DefaultBHttpClientConnection {
    private IOException writeFailure;

    UpstreamConnection(Http1Config config) {
        super(config);
    }

    @Override
    public void sendRequestHeader(ClassicHttpRequest request) throws HttpException, IOException {
        writeFailure = null;
        super.sendRequestHeader(request);
    }

    @Override
    public void sendRequestEntity(ClassicHttpRequest request) throws HttpException, IOException {
        try {
            super.sendRequestEntity(request);
        } catch (IOException e) {
            writeFailure = e;
        }
    }

    @Override
    public void flush() throws IOException {
        if (writeFailure != null) {
            return;
        }
        try {
            super.flush();
        } catch (IOException e) {
            writeFailure = e;
        }
    }

    @Override
    public ClassicHttpResponse receiveResponseHeader() throws HttpException, IOException {
        try {
            return super.receiveResponseHeader();
        } catch (IOException | HttpException e) {
            IOException w = writeFailure;
            if (w == null) {
                throw e;
            }
            w.addSuppressed(e);
            throw w; // nothing was answered: the request failed where it failed
        }
    }

    @Override
    public boolean isConsistent() {
        return writeFailure == null && super.isConsistent();
    }
}
