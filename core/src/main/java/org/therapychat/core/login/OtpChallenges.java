package org.therapychat.core.login;

import java.time.Instant;
import java.util.Optional;

/** Pending logins, keyed by the digest of their pre-auth token. Shared by every app instance. */
public interface OtpChallenges {
    /** Creates or replaces the challenge with this key. */
    void put(OtpChallenge challenge);

    Optional<OtpChallenge> find(String key);

    /**
     * Removes the challenge and says whether this call removed it: of two concurrent verifications
     * of one code, only one may win.
     */
    boolean remove(String key);

    /** Drops challenges that expired before {@code now}; returns how many. */
    int removeExpired(Instant now);
}
