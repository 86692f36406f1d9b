package org.therapychat.core.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * An action in the log, as stored: bodies and research data included, {@code deleted} set by a later delete.
 *
 * @param id the server id
 * @param session the therapy session whose log holds it
 * @param author who sent it; empty for the system
 * @param timestamp the server time of the append
 * @param clientId the client's idempotency key, if sent
 * @param clientTs the client's timestamp, if sent
 * @param audience who may see it besides the therapists and the author; empty for everyone
 * @param deleted whether a later {@link Action.Delete} targeted it
 * @param action what happened
 */
public record StoredAction(ActionId id, TherapySessionId session, Optional<UserId> author, Instant timestamp,
                           Optional<String> clientId, Optional<String> clientTs, Set<UserId> audience,
                           boolean deleted, Action action) {
    /**
     * Checks that nothing is null and copies the audience.
     *
     * @param id the server id
     * @param session the therapy session
     * @param author the sender, or empty
     * @param timestamp the server time
     * @param clientId the client's key, or empty
     * @param clientTs the client's timestamp, or empty
     * @param audience the private audience
     * @param deleted whether it was deleted
     * @param action what happened
     */
    public StoredAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientTs, "clientTs");
        audience = Set.copyOf(audience);
        Objects.requireNonNull(action, "action");
    }

    /**
     * The stored form of an appended action.
     *
     * @param id the id the log gave it
     * @param session the therapy session
     * @param a the action as appended
     * @param deleted whether it is already deleted
     * @return the stored action
     */
    public static StoredAction of(ActionId id, TherapySessionId session, NewAction a, boolean deleted) {
        return new StoredAction(id, session, a.author(), a.timestamp(), a.clientId(), a.clientTs(), a.audience(),
                deleted, a.action());
    }

    /**
     * Whether a member sees it: public, or the viewer is its author or in its audience, or a
     * therapist of the session.
     *
     * @param viewer the member reading
     * @param viewerIsTherapist whether the viewer is a therapist of this session
     * @return {@code true} if it belongs in the viewer's reads
     */
    public boolean isVisibleTo(UserId viewer, boolean viewerIsTherapist) {
        return audience.isEmpty() || viewerIsTherapist || audience.contains(viewer)
                || author.filter(viewer::equals).isPresent();
    }

    /**
     * The form every chat read returns: research data stripped and a deleted message's body gone.
     *
     * @return this action as other members may see it
     */
    public StoredAction forChat() {
        if (action instanceof Action.Message m) {
            return new StoredAction(id, session, author, timestamp, clientId, clientTs, audience, deleted,
                    m.forChat(deleted));
        }
        return this;
    }

    /**
     * The same action without its {@code clientId}: what anyone but its author is shown.
     *
     * @return this action with an empty {@code clientId}
     */
    public StoredAction withoutClientId() {
        return clientId.isEmpty() ? this
                : new StoredAction(id, session, author, timestamp, Optional.empty(), clientTs, audience, deleted, action);
    }

    /**
     * The same action with {@code deleted} set.
     *
     * @return the copy
     */
    public StoredAction markedDeleted() {
        return new StoredAction(id, session, author, timestamp, clientId, clientTs, audience, true, action);
    }
}
