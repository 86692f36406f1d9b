package org.therapychat.app;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Session dates for tests against the running app, which judges "due" and "over" by the real clock:
 * every date is taken from the clock, so no test depends on the day it runs.
 */
final class Dates {
    private Dates() {
    }

    /**
     * A session date this many hours from now (negative: in the past), whole seconds.
     *
     * @param hours hours from now
     * @return the instant as ISO-8601 text, as the admin API takes it
     */
    static String hoursFromNow(long hours) {
        return Instant.now().plus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
