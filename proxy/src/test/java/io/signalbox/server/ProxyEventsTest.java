package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.event.RequestEvent;
import io.signalbox.event.RequestEvent.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyEventsTest {
    @TempDir
    Path dir;
    ProxyFixture f;
    final EventRecorder recorder = new EventRecorder();
    LogCapture log;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
        f.proxy.subscribe(recorder);
        log = LogCapture.requestLog();
    }

    @AfterEach
    void stop() {
        log.detach();
        f.close();
    }

    @Test
    void aRequestEmitsReceivedRoutedFirstByteAndCompleted() throws Exception {
        f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        var events = recorder.awaitTerminal(1);

        assertEquals(List.of(Kind.RECEIVED, Kind.ROUTED, Kind.FIRST_BYTE, Kind.COMPLETED),
                events.stream().map(RequestEvent::kind).toList());
        RequestEvent done = events.getLast();
        assertEquals("A", done.profile());
        assertEquals("claude-sonnet-5", done.requestedModel());
        assertEquals("model-a", done.upstreamModel());
        assertEquals(200, done.status());
        assertTrue(done.bytes() > 0);
        assertTrue(done.ttfbMs() >= 0 && done.ttfbMs() <= done.latencyMs());
    }

    @Test
    void aStreamThatEndsInAnErrorEventAfterA200IsAFailedRequest() throws Exception {
        f.a.midStreamError = "overloaded_error";
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("event: error"), "the client gets the error event as sent: " + res.body());

        RequestEvent last = recorder.awaitTerminal(1).getLast();
        assertEquals(Kind.FAILED, last.kind());
        assertEquals(200, last.status());
        assertTrue(last.error().contains("overloaded_error"), last.error());
        assertTrue(log.messages().getFirst().contains("outcome=failed"), log.messages().getFirst());
    }

    @Test
    void aRejectedRequestEmitsFailedWithItsStatus() throws Exception {
        f.send(f.post("/v1/messages", "{not json"));
        var events = recorder.awaitTerminal(1);

        RequestEvent last = events.getLast();
        assertEquals(Kind.FAILED, last.kind());
        assertEquals(400, last.status());
    }

    @Test
    void aWrongLocalTokenIsAFailedEventAndALogLineNamingTheFixWithoutTheTokenOrAUsageRow() throws Exception {
        var res = f.send(f.post("/v1/messages?beta=true", ProxyFixture.message("claude-sonnet-5", false))
                .setHeader("Authorization", "Bearer sk-ant-the-users-real-key"));
        assertEquals(401, res.statusCode(), res.body());

        RequestEvent last = recorder.awaitTerminal(1).getLast();
        assertEquals(Kind.FAILED, last.kind());
        assertEquals(401, last.status());
        assertEquals("/v1/messages", last.path());
        assertTrue(last.error().contains("re-run 'signalbox use PROFILE'"), last.error());
        assertEquals(null, last.usage(), "a refused request is not a usage row");
        String line = log.await(l -> l.contains(" status=401 "), "the refusal");
        assertTrue(line.contains("method=POST path=/v1/messages profile=- "), line);
        assertTrue(line.contains("outcome=failed"), line);
        assertFalse(line.contains("sk-ant-the-users-real-key"), line);
        assertFalse(line.contains(f.token), line);
        assertFalse(line.contains("beta=true"), line);
        assertTrue(f.a.messages().isEmpty(), "nothing reached the upstream");
    }

    @Test
    void eachRequestLogsOneStructuredLineWithoutPromptOrSecrets() throws Exception {
        f.send(f.post("/v1/messages?beta=true", ProxyFixture.message("claude-sonnet-5", true)));
        recorder.awaitTerminal(1);

        assertEquals(1, log.messages().size(), log.messages().toString());
        String line = log.messages().getFirst();
        for (String part : List.of("method=POST", "path=/v1/messages", "profile=A", "model=claude-sonnet-5",
                "upstreamModel=model-a", "status=200", "latencyMs=", "ttfbMs=", "bytes=")) {
            assertTrue(line.contains(part), part + " missing in: " + line);
        }
        assertFalse(line.contains("say hi"));
        assertFalse(line.contains(f.token));
        assertFalse(line.contains(ProxyFixture.KEY_A));
    }

    @Test
    void aFailingListenerDoesNotBreakTheRequest() throws Exception {
        f.proxy.subscribe(e -> {
            throw new IllegalStateException("boom");
        });

        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(200, res.statusCode());
    }
}
