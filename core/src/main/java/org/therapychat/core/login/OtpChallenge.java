package org.therapychat.core.login;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.therapychat.core.common.UserId;

/**
 * A pending login: the phone it is for, the matched user (empty when nobody matched — the
 * challenge exists anyway so both cases look and cost the same), and the code's keyed hash.
 *
 * @param key digest of the pre-auth token held in the browser's cookie
 * @param phone the phone the code went to
 * @param user the matched user; empty when nobody matched
 * @param codeHash the keyed hash of the code ({@link OtpHasher}); the code itself is never stored
 * @param issuedAt when the code was made
 * @param expiresAt when it stops being accepted (10 minutes later by default)
 * @param budgetKey what its codes are counted under: the (phone, identifier) pair as
 *     {@link OtpHasher#budgetKey} names it
 */
public record OtpChallenge(String key, PhoneNumber phone, Optional<UserId> user, String codeHash,
                           Instant issuedAt, Instant expiresAt, String budgetKey) {
    /**
     * Checks the challenge.
     *
     * @param key the pre-auth token digest
     * @param phone the phone
     * @param user the matched user, or empty
     * @param codeHash the code's keyed hash
     * @param issuedAt when issued
     * @param expiresAt when it expires, after {@code issuedAt}
     * @param budgetKey what its codes are counted under
     * @throws IllegalArgumentException if it would expire at or before it was issued
     */
    public OtpChallenge {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(budgetKey, "budgetKey");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a challenge must expire after it was issued");
        }
    }

    /**
     * A challenge counted per phone only, as pending logins stored before the budget per (phone,
     * identifier) were.
     *
     * @param key the pre-auth token digest
     * @param phone the phone
     * @param user the matched user, or empty
     * @param codeHash the code's keyed hash
     * @param issuedAt when issued
     * @param expiresAt when it expires, after {@code issuedAt}
     */
    public OtpChallenge(String key, PhoneNumber phone, Optional<UserId> user, String codeHash, Instant issuedAt,
                        Instant expiresAt) {
        this(key, phone, user, codeHash, issuedAt, expiresAt, "phone:" + phone.e164());
    }

    /**
     * Whether the code may no longer be used.
     *
     * @param now the time to judge at
     * @return {@code true} at or after {@code expiresAt}
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
