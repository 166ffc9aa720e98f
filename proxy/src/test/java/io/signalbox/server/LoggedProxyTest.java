package io.signalbox.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A proxy with two mock upstreams ({@link ProxyFixture}) for each test, its request log captured. */
abstract class LoggedProxyTest {
    @TempDir
    Path dir;
    ProxyFixture f;
    LogCapture log;

    @BeforeEach
    void startProxy() throws Exception {
        f = new ProxyFixture(dir);
        log = LogCapture.requestLog();
    }

    @AfterEach
    void stopProxy() {
        log.detach();
        f.close();
    }
}
