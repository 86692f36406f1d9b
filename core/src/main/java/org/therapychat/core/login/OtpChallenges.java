package org.therapychat.core.login;

import java.time.Instant;
import java.util.Optional;

/** Pending logins, keyed by the digest of their pre-auth token. Shared by every app instance. */
public interface OtpChallenges {
    /**
     * Creates or replaces the challenge with this key.
     *
     * @param challenge the pending login
     */
    void put(OtpChallenge challenge);

    /**
     * The pending login behind a pre-auth token.
     *
     * @param key the token digest
     * @return the challenge, expired or not, or empty if there is none
     */
    Optional<OtpChallenge> find(String key);

    /**
     * Removes the challenge and says whether this call removed it: of two concurrent verifications
     * of one code, only one may win.
     *
     * @param key the token digest
     * @return {@code true} if this call removed it
     */
    boolean remove(String key);

    /**
     * Removes the challenge only while it still holds this code, and says whether this call removed
     * it: a code voided this way was never used, since a verification removes its challenge.
     *
     * @param key the token digest
     * @param codeHash the hash of the code that must still be the challenge's
     * @return {@code true} if this call removed it
     */
    boolean removeIfCode(String key, String codeHash);

    /**
     * Drops challenges that expired before {@code now}; returns how many.
     *
     * @param now the time to judge at
     * @return how many were dropped
     */
    int removeExpired(Instant now);
}
