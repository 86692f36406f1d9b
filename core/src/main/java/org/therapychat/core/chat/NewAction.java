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
 * @param clientTs the client's own timestamp, kept as sent
 * @param audience who may see it besides the session's therapists; empty means everyone
 * @param dedupeKey a natural key: one action per (session, author, dedupeKey), e.g. one heart per message
 * @param timestamp the server's time of the action
 * @param action what happened
 */
public record NewAction(Optional<UserId> author, Optional<String> clientId, Optional<String> clientTs,
                        Set<UserId> audience, Optional<String> dedupeKey, Instant timestamp, Action action) {
    /**
     * Checks the action.
     *
     * @param author the user, or empty for the system
     * @param clientId the idempotency key, or empty
     * @param clientTs the client's timestamp, or empty
     * @param audience the private audience; copied
     * @param dedupeKey the natural key, or empty
     * @param timestamp the server time
     * @param action what happened
     * @throws IllegalArgumentException if a system action carries a clientId
     */
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

    /**
     * Whether a closed log refuses it: a client's action, or a presence notice (nobody joins or leaves
     * an ended session). Other server actions still go in after the end.
     *
     * @return {@code true} for an action that belongs to an open chat only
     */
    public boolean needsOpenChat() {
        return author.isPresent() || action instanceof Action.Notice n && n.attendance().isPresent();
    }

    /**
     * A server action (notice, refetch signal): no author, no client fields.
     *
     * @param audience who may see it besides the therapists; empty for everyone
     * @param timestamp the server time
     * @param action the server action
     * @return the new action
     */
    public static NewAction fromServer(Set<UserId> audience, Instant timestamp, Action action) {
        return new NewAction(Optional.empty(), Optional.empty(), Optional.empty(), audience, Optional.empty(),
                timestamp, action);
    }
}
