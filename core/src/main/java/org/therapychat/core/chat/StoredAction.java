package org.therapychat.core.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** An action in the log, as stored: bodies and research data included, {@code deleted} set by a later delete. */
public record StoredAction(ActionId id, TherapySessionId session, Optional<UserId> author, Instant timestamp,
                           Optional<String> clientId, Optional<String> clientTs, Set<UserId> audience,
                           boolean deleted, Action action) {
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

    public static StoredAction of(ActionId id, TherapySessionId session, NewAction a, boolean deleted) {
        return new StoredAction(id, session, a.author(), a.timestamp(), a.clientId(), a.clientTs(), a.audience(),
                deleted, a.action());
    }

    /** Whether a member sees it: public, or the viewer is in its audience, or a therapist of the session. */
    public boolean isVisibleTo(UserId viewer, boolean viewerIsTherapist) {
        return audience.isEmpty() || viewerIsTherapist || audience.contains(viewer)
                || author.filter(viewer::equals).isPresent();
    }

    /** The form every chat read returns: research data stripped and a deleted message's body gone. */
    public StoredAction forChat() {
        if (action instanceof Action.Message m) {
            return new StoredAction(id, session, author, timestamp, clientId, clientTs, audience, deleted,
                    m.forChat(deleted));
        }
        return this;
    }

    public StoredAction markedDeleted() {
        return new StoredAction(id, session, author, timestamp, clientId, clientTs, audience, true, action);
    }
}
