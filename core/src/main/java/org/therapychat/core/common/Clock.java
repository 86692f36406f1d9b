package org.therapychat.core.common;

import java.time.Instant;

/** The time of the world, as the domain sees it. Rules never call {@code Instant.now()} themselves. */
@FunctionalInterface
public interface Clock {
    Instant now();

    static Clock system() {
        return Instant::now;
    }
}
