package org.therapychat.app;

import java.time.Duration;

/**
 * How long a read that every poll makes (login session, user, therapy session) is kept before it
 * is read again. Writes made through this process drop what they change at once either way; the
 * lifetime only bounds how late this process sees a change made by another one.
 */
record CacheLifetimes(Duration authSessions, Duration users, Duration therapySessions) {
    /**
     * Nothing else writes to the database (the embedded file is locked to this process): a kept
     * read stays true until this process changes it. Ten minutes only bounds memory.
     */
    static CacheLifetimes soleWriter() {
        Duration untilChanged = Duration.ofMinutes(10);
        return new CacheLifetimes(untilChanged, untilChanged, untilChanged);
    }

    /**
     * Other instances write to the same PostgreSQL: a logout there ends the session here within
     * 2 s, a user change shows within 5 s, an admit, revoke or end within 1 s.
     */
    static CacheLifetimes sharedDatabase() {
        return new CacheLifetimes(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }
}
