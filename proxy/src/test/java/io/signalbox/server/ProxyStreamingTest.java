package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.event.RequestEvent;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams are relayed event by event, and a client that leaves cancels the upstream request. */
class ProxyStreamingTest {
    @TempDir
    Path dir;
    ProxyFixture f;
    final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
        f.proxy.subscribe(recorder);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void eachEventReachesTheClientBeforeTheUpstreamSendsTheNextOne() throws Exception {
        f.a.pacedEvents = 10;
        f.a.paceMillis = 200;
        var timeline = f.a.timeline;

        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> order = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    // Record what the upstream had sent by the time this event arrived.
                    drain(timeline, order);
                    order.add("received:" + line.replaceAll(".*\"n\":(\\d+).*", "$1"));
                }
            }
        }
        drain(timeline, order);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("sent:" + i);
            expected.add("received:" + i);
        }
        assertEquals(expected, order);
    }

    private static void drain(java.util.concurrent.BlockingQueue<String> q, List<String> into) {
        q.drainTo(into);
    }

    @Test
    void aClientThatDisconnectsMidStreamCancelsTheUpstreamRequest() throws Exception {
        f.a.endless = true;
        f.a.paceMillis = 50;

        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = res.body()) {
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        }
        f.client.shutdownNow();

        assertTrue(f.a.clientGone.await(60, TimeUnit.SECONDS), "the upstream never saw its connection closed");
        RequestEvent last = recorder.awaitTerminal(1).getLast();
        assertEquals(RequestEvent.Kind.FAILED, last.kind());
        assertTrue(last.error().contains("client disconnected"), last.error());
        assertEquals(0, f.proxy.inFlight());
    }
}
