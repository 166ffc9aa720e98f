package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The no-buffering check of a translated stream, by order of arrival (no time budgets): reads the
 * client's stream line by line and, at each event whose data contains {@code marker}, notes first
 * what the provider had sent by then ({@code timeline}: "sent:0", "sent:1", …), then "received:N".
 */
final class ArrivalOrder {
    private ArrivalOrder() {
    }

    /** Reads {@code body} to its end, asserts that each of {@code n} events arrived before the next was sent; the stream's text. */
    static String assertEachArrivesBeforeTheNextIsSent(InputStream body, BlockingQueue<String> timeline, String marker, int n)
            throws IOException {
        List<String> order = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        int received = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith("data: ") && line.contains(marker)) {
                    timeline.drainTo(order); // what the provider had sent when this event arrived
                    order.add("received:" + received++);
                }
            }
        }
        timeline.drainTo(order);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add("sent:" + i);
            expected.add("received:" + i);
        }
        assertEquals(expected, order);
        return all.toString();
    }
}
