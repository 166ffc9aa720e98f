package io.signalbox.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamHeadTest {
    private static final String ERROR = "event: error\r\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}\r\n\r\n";

    /** Hands out at most {@code piece} bytes per read, as a socket does. */
    private static InputStream trickle(String s, int piece) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, piece));
            }
        };
    }

    @Test
    void commentsBeforeTheFirstEventAreReadAndKeptAndItsErrorTypeIsFound() throws IOException {
        String stream = ": processing\n\n: processing\r\n\r\n" + ERROR + "event: ping\ndata: {}\n\n";
        InputStream in = trickle(stream, 7);
        StreamHead head = StreamHead.read(in);

        assertEquals("overloaded_error", head.errorType());
        assertFalse(head.empty());
        assertArrayEquals(stream.getBytes(StandardCharsets.UTF_8), head.then(in).readAllBytes(),
                "what was read comes first, unchanged");
    }

    @Test
    void readingStopsAtTheFirstEventsEndAndTheRestFollowsUnchanged() throws IOException {
        String first = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n";
        String rest = "event: ping\ndata: {\"type\":\"ping\"}\n\n";
        InputStream in = trickle(first + rest, 1);
        StreamHead head = StreamHead.read(in);

        assertNull(head.errorType());
        assertEquals(rest.length(), in.available(), "one byte per read: nothing after the first event was read");
        assertEquals(first + rest, new String(head.then(in).readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aStreamWithoutAnyEventIsEmptyAndAHugeFirstEventIsNotWaitedFor() throws IOException {
        assertTrue(StreamHead.read(InputStream.nullInputStream()).empty());
        assertTrue(StreamHead.read(trickle(": keep-alive\n\n", 3)).empty());
        assertTrue(StreamHead.read(trickle("data: {\"half", 3)).empty(), "ended inside its first event");

        String huge = "data: " + "x".repeat(StreamHead.MAX * 2) + "\n\n";
        InputStream in = trickle(huge, 4096);
        StreamHead head = StreamHead.read(in);
        assertFalse(head.empty());
        assertNull(head.errorType());
        assertEquals(huge, new String(head.then(in).readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anErrorAnywhereInTheFirstEventsDataIsFoundInEveryApisShape() throws IOException {
        assertEquals("error", StreamHead.read(trickle("data:{\"id\":\"gen-1\",\"error\":{\"code\":502}}\n\n", 5))
                .errorType(), "no space after the colon, the error not first, a numeric code: unnamed");
        assertEquals("context_length_exceeded", StreamHead.read(trickle("data: {\"error\":{\"type\":\"error\","
                + "\"code\":\"context_length_exceeded\"}}\n\n", 9)).errorType());
        assertEquals("rate_limit_exceeded", StreamHead.read(trickle("event: error\ndata: {\"type\":\"error\","
                + "\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}\n\n", 9)).errorType(), "Responses API");
        assertNull(StreamHead.read(trickle("data: {\"choices\":[{\"delta\":{\"content\":\"an \\\"error\\\" here\"}}]}\n\n", 9))
                .errorType(), "the word in the text is not an error");
    }

    @Test
    void commentsAloneAreHeldBackForTenSecondsAtMost() throws IOException {
        long[] now = {0};
        String comments = ": PROCESSING\n\n".repeat(20);
        InputStream in = new ByteArrayInputStream(comments.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                now[0] += java.util.concurrent.TimeUnit.SECONDS.toNanos(3); // a keep-alive every 3 s
                return super.read(buf, off, Math.min(len, 15));
            }
        };
        StreamHead head = StreamHead.read(in, () -> now[0]);
        assertFalse(head.empty(), "the stream goes on");
        assertNull(head.errorType());
        assertTrue(in.available() > 0, "it stopped waiting after ~10 s of comments, not at the stream's end");
        assertEquals(comments, new String(head.then(in).readAllBytes(), StandardCharsets.UTF_8));
    }
}
