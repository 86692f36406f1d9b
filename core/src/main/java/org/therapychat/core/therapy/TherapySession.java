package org.therapychat.core.therapy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** A group therapy session: its metadata, whiteboard and members. */
public record TherapySession(TherapySessionId id, String name, String topic, Instant date, SessionStatus status,
                             Admission admission, String whiteboard, List<Member> members) {
    public static final int MAX_WHITEBOARD = 2000;

    public TherapySession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(whiteboard, "whiteboard");
        members = List.copyOf(members);
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1-200 characters");
        }
        if (topic.length() > 2000) {
            throw new IllegalArgumentException("topic must be at most 2000 characters");
        }
        if (whiteboard.length() > MAX_WHITEBOARD) {
            throw new IllegalArgumentException("whiteboard must be at most " + MAX_WHITEBOARD + " characters");
        }
        if (members.stream().map(Member::user).distinct().count() != members.size()) {
            throw new IllegalArgumentException("members must be distinct");
        }
    }

    public Optional<Member> member(UserId user) {
        return members.stream().filter(m -> m.user().equals(user)).findFirst();
    }

    /** Ended, or scheduled and long past its start: "post" surveys are due, "pre" ones no more. */
    public boolean isOverAt(Instant now, Duration overAfter) {
        return status == SessionStatus.ENDED
                || (status == SessionStatus.SCHEDULED && now.isAfter(date.plus(overAfter)));
    }

    public TherapySession withStatus(SessionStatus newStatus) {
        return new TherapySession(id, name, topic, date, newStatus, admission, whiteboard, members);
    }
}
