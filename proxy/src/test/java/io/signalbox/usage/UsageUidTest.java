package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Row uids sort in the order they were drawn, so rows of one millisecond keep their recording order. */
class UsageUidTest {
    @Test
    void uidsOfOneMillisecondGrowInTheOrderTheyAreDrawnAndStayVersion7() {
        // a millisecond after every uid drawn so far in this JVM (other tests run engines on their own clocks)
        long millis = (UUID.fromString(UsageEngine.timeOrderedUid(0)).getMostSignificantBits() >>> 16) + 1000;
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            uids.add(UsageEngine.timeOrderedUid(millis));
        }
        for (int i = 1; i < uids.size(); i++) {
            assertTrue(uids.get(i - 1).compareTo(uids.get(i)) < 0, uids.get(i - 1) + " then " + uids.get(i));
        }
        UUID u = UUID.fromString(uids.getFirst());
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        assertEquals(millis, u.getMostSignificantBits() >>> 16, "the uid starts with its millisecond");
        assertTrue(UsageEngine.timeOrderedUid(millis - 5).compareTo(uids.getLast()) > 0,
                "a clock that steps back does not make a smaller uid");
    }
}
