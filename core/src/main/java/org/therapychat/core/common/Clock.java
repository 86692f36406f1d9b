package org.therapychat.core.common;

import java.time.Instant;

/** The time of the world, as the domain sees it. Rules never call {@code Instant.now()} themselves. */
@FunctionalInterface
public interface Clock {
    /**
     * The current time.
     *
     * @return now, as the domain's rules should see it
     */
    Instant now();

    /**
     * The real clock of the machine, for production.
     *
     * @return a clock that answers {@link Instant#now()}
     */
    static Clock system() {
        return Instant::now;
    }
}
