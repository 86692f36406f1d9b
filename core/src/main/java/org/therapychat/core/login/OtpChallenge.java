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
 */
public record OtpChallenge(String key, PhoneNumber phone, Optional<UserId> user, String codeHash,
                           Instant issuedAt, Instant expiresAt) {
    public OtpChallenge {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a challenge must expire after it was issued");
        }
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
