package org.therapychat.core.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.therapychat.core.common.UserId;

/**
 * An action about to be appended.
 *
 * @param author empty for the system
 * @param clientId the client's idempotency key: one action per (session, author, clientId); empty when
 *        the client sent none (then a resend is stored again)
 * @param audience who may see it besides the session's therapists; empty means everyone
 * @param dedupeKey a natural key: one action per (session, author, dedupeKey), e.g. one heart per message
 */
public record NewAction(Optional<UserId> author, Optional<String> clientId, Optional<String> clientTs,
                        Set<UserId> audience, Optional<String> dedupeKey, Instant timestamp, Action action) {
    public NewAction {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientTs, "clientTs");
        audience = Set.copyOf(audience);
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        if (clientId.isPresent() && author.isEmpty()) {
            throw new IllegalArgumentException("only a user's action carries a clientId");
        }
    }

    public static NewAction fromServer(Set<UserId> audience, Instant timestamp, Action action) {
        return new NewAction(Optional.empty(), Optional.empty(), Optional.empty(), audience, Optional.empty(),
                timestamp, action);
    }
}
