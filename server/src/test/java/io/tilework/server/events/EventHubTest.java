package io.tilework.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventHubTest {

    @Test
    @DisplayName("a subscriber that does not read is dropped when its queue is full; publishing goes on, others still get everything")
    void fullQueueDrops() throws InterruptedException {
        var hub = new EventHub();
        Subscription slow = hub.subscribe(e -> true, 4);
        Subscription filtered = hub.subscribe(e -> "job-2".equals(e.job()), 100);
        for (int i = 0; i < 10; i++) {
            hub.publish(new ServerEvent("job", "job-" + (i % 3), null, i));
        }
        assertTrue(slow.fellBehind());
        assertEquals(1, hub.droppedCount());
        assertEquals(1, hub.subscribers());
        assertEquals(10, hub.publishedCount());
        assertEquals(0, slow.poll(0).data(), "what it held can still be read");
        assertFalse(filtered.fellBehind());
        for (int expected : new int[] {2, 5, 8}) {
            assertEquals(expected, filtered.poll(0).data());
        }
        assertNull(filtered.poll(0));
        filtered.close();
        assertFalse(hub.hasSubscribers());
    }
}
