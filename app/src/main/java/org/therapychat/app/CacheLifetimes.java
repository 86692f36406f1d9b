package org.therapychat.app;

import java.time.Duration;

/**
 * How long a read that every poll makes (login session, user, therapy session) is kept before it
 * is read again. Writes made through this process drop what they change at once either way, and
 * the {@link org.therapychat.core.common.ChangeFeed} drops what other instances change; the
 * lifetimes bound how late a change shows when a notice of it was lost, and apply, shorter,
 * while the feed is down.
 */
record CacheLifetimes(Duration whileFeedLive, Duration authSessionsWhileDown, Duration usersWhileDown,
                      Duration therapySessionsWhileDown) {
    /**
     * Nothing else writes to the database (the embedded file is locked to this process): a kept
     * read stays true until this process changes it. Ten minutes only bounds memory.
     */
    static CacheLifetimes soleWriter() {
        Duration untilChanged = Duration.ofMinutes(10);
        return new CacheLifetimes(untilChanged, untilChanged, untilChanged, untilChanged);
    }

    /**
     * Other instances write to the same PostgreSQL and say so over LISTEN/NOTIFY: a minute while
     * that works (a notice lost with a dying connection costs at most that); while it does not,
     * a logout elsewhere ends the session here within 2 s, a user change shows within 5 s, an
     * admit, revoke or end within 1 s.
     */
    static CacheLifetimes sharedDatabase() {
        return new CacheLifetimes(Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }
}
