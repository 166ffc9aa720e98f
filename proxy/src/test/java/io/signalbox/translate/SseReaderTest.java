package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    /** A stream as upstreams write it: comments, named events, ids, multi-line data, an event without data. */
    private static final String STREAM = ": OPENROUTER PROCESSING\n"
            + "\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\"é👋\"}}]}\n"
            + "\n"
            + "event: message\n"
            + "id: 7\n"
            + "retry: 3000\n"
            + "data: first line\n"
            + ": a comment between data lines\n"
            + "data:second line without a space\n"
            + "data:  two spaces, one kept\n"
            + "\n"
            + "event: ping\n"
            + "id: 8\n"
            + "\n"
            + "\n"
            + "datafield: not data\n"
            + "data\n"
            + "data: [DONE]\n"
            + "\n";

    private static final List<String> EVENTS = List.of(
            "{\"choices\":[{\"delta\":{\"content\":\"é👋\"}}]}",
            "first line\nsecond line without a space\n two spaces, one kept",
            "\n[DONE]");

    private static List<String> readAll(InputStream in) throws IOException {
        SseReader r = new SseReader(in);
        List<String> out = new ArrayList<>();
        for (String d; (d = r.next()) != null; ) {
            out.add(d);
        }
        assertNull(r.next(), "stays at the end");
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Serves the given pieces, one per read (a piece longer than the read's room is served over several). */
    private static final class Pieces extends InputStream {
        private final List<byte[]> pieces;
        private int piece;
        private int pos;

        Pieces(List<byte[]> pieces) {
            this.pieces = pieces;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (piece == pieces.size()) {
                return -1;
            }
            byte[] p = pieces.get(piece);
            int n = Math.min(len, p.length - pos);
            System.arraycopy(p, pos, b, off, n);
            pos += n;
            if (pos == p.length) {
                piece++;
                pos = 0;
            }
            return n;
        }
    }

    private static InputStream oneBytePerRead(byte[] bytes) {
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : bytes) {
            pieces.add(new byte[] {b});
        }
        return new Pieces(pieces);
    }

    @Test
    void readsDataAndSkipsCommentsOtherFieldsAndEventsWithoutData() throws IOException {
        assertEquals(EVENTS, readAll(new ByteArrayInputStream(utf8(STREAM))));
    }

    @Test
    void crLfLineEndsReadTheSame() throws IOException {
        assertEquals(EVENTS, readAll(new ByteArrayInputStream(utf8(STREAM.replace("\n", "\r\n")))));
    }

    @Test
    void oneByteAtATimeAndEverySplitPointGiveTheSameEvents() throws IOException {
        for (String stream : List.of(STREAM, STREAM.replace("\n", "\r\n"))) {
            byte[] bytes = utf8(stream);
            assertEquals(EVENTS, readAll(oneBytePerRead(bytes)));
            for (int i = 0; i <= bytes.length; i++) {
                InputStream split = new Pieces(List.of(Arrays.copyOfRange(bytes, 0, i),
                        Arrays.copyOfRange(bytes, i, bytes.length)));
                assertEquals(EVENTS, readAll(split), "split at byte " + i);
            }
        }
    }

    @Test
    void aCharacterSplitAcrossTwoReadsIsDecodedWhole() throws IOException {
        byte[] bytes = utf8("data: x€👋y\n\n");
        // "data: x" is bytes 0-6, € bytes 7-9, 👋 bytes 10-13: cut inside each
        for (int cut : new int[] {8, 9, 11, 12, 13}) {
            InputStream in = new Pieces(List.of(Arrays.copyOfRange(bytes, 0, cut), Arrays.copyOfRange(bytes, cut, bytes.length)));
            assertEquals(List.of("x€👋y"), readAll(in), "cut at " + cut);
        }
    }

    @Test
    void anUnterminatedLastEventIsStillReturned() throws IOException {
        assertEquals(List.of("a", "b"), readAll(new ByteArrayInputStream(utf8("data: a\n\ndata: b"))));
        assertEquals(List.of("a", "b"), readAll(new ByteArrayInputStream(utf8("data: a\r\n\r\ndata: b\r\n"))));
        assertEquals(List.of(), readAll(new ByteArrayInputStream(utf8(": only a comment\nevent: x\n"))));
        assertEquals(List.of(), readAll(new ByteArrayInputStream(new byte[0])));
    }

    /** Bytes given by the test while the reader runs; a read with nothing given waits. */
    private static final class Feed extends InputStream {
        private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private volatile int reads;

        void give(String s) {
            queue.add(utf8(s));
        }

        void end() {
            queue.add(new byte[0]);
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            try {
                byte[] p = queue.take();
                if (p.length == 0) {
                    queue.add(p);
                    return -1;
                }
                if (p.length > len) {
                    throw new IllegalStateException("test pieces fit in a read");
                }
                System.arraycopy(p, 0, b, off, p.length);
                return p.length;
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
        }
    }

    @Test
    void anEventIsReturnedAsSoonAsItIsCompleteWithoutWaitingForMoreInput() throws Exception {
        Feed feed = new Feed();
        SseReader r = new SseReader(feed);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            feed.give("data: one\n\ndata: tw");
            Future<String> first = pool.submit(r::next);
            assertEquals("one", first.get(5, TimeUnit.SECONDS), "the first event must not wait for the rest");
            assertEquals(1, feed.reads);

            Future<String> second = pool.submit(r::next);
            Thread.sleep(50);
            assertTrue(!second.isDone(), "the second event is not complete yet");
            feed.give("o\n");
            Thread.sleep(50);
            assertTrue(!second.isDone(), "its blank line has not come yet");
            feed.give("\n");
            assertEquals("two", second.get(5, TimeUnit.SECONDS));
            feed.end();
            assertNull(pool.submit(r::next).get(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLineOverTheLimitIsRefusedWithAClearMessage() throws IOException {
        String max = "data: " + "x".repeat(10);
        assertEquals(List.of("x".repeat(10)), readAllLimited(max + "\n\n", 16));
        assertEquals(List.of("x".repeat(10)), readAllLimited(max + "\r\n\r\n", 16));
        assertEquals(List.of("x".repeat(10)), readAllLimited(max, 16));

        for (String over : List.of(max + "x\n\n", max + "x\r\n\r\n", max + "x", max + "xxxxxxxxxxxxxxxxxxxx")) {
            IOException e = assertThrows(IOException.class, () -> readAllLimited(over, 16), over);
            assertTrue(e.getMessage().contains("the upstream's event is too long"), e.getMessage());
        }
        IOException manyLines = assertThrows(IOException.class,
                () -> readAllLimited("data: 0123456789\ndata: 0123456789\n\n", 16));
        assertTrue(manyLines.getMessage().contains("too long"), "an event's data has the same limit");
    }

    private static List<String> readAllLimited(String stream, int limit) throws IOException {
        SseReader r = new SseReader(oneBytePerRead(utf8(stream)), limit);
        List<String> out = new ArrayList<>();
        for (String d; (d = r.next()) != null; ) {
            out.add(d);
        }
        return out;
    }

    @Test
    void theDefaultLimitIs16MiB() {
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                return served++ < 6 ? "data: ".charAt((int) served - 1) : 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        IOException e = assertThrows(IOException.class, () -> new SseReader(endless).next());
        assertEquals("the upstream's event is too long: a line of its stream is over 16 MiB"
                + " (Signalbox reads events of up to 16 MiB)", e.getMessage());
    }
}
