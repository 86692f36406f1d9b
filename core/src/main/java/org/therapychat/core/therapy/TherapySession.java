package org.therapychat.core.therapy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * A group therapy session: its metadata, whiteboard and members (SPEC §2).
 *
 * @param id the id the research platform gave it
 * @param name 1-200 characters
 * @param topic at most 2,000 characters
 * @param date the start time
 * @param status scheduled, open or ended
 * @param admission whether participants wait for a therapist to admit them
 * @param whiteboard the text a therapist pinned above the chat, at most {@link #MAX_WHITEBOARD} characters
 * @param members every member with their admitted/revoked state, distinct
 */
public record TherapySession(TherapySessionId id, String name, String topic, Instant date, SessionStatus status,
                             Admission admission, String whiteboard, List<Member> members) {
    /** The longest whiteboard text, in characters. */
    public static final int MAX_WHITEBOARD = 2000;

    /**
     * Checks the session.
     *
     * @param id the id
     * @param name 1-200 characters, not blank
     * @param topic at most 2,000 characters
     * @param date the start time
     * @param status the status
     * @param admission the admission setting
     * @param whiteboard at most {@link #MAX_WHITEBOARD} characters
     * @param members distinct users; copied
     * @throws IllegalArgumentException if a rule is broken
     */
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

    /**
     * A user's membership.
     *
     * @param user the user
     * @return their membership, or empty if they are not a member
     */
    public Optional<Member> member(UserId user) {
        return members.stream().filter(m -> m.user().equals(user)).findFirst();
    }

    /**
     * Ended, or scheduled and long past its start: "post" surveys are due, "pre" ones no more.
     * An open session is never over by time alone.
     *
     * @param now the time to judge at
     * @param overAfter how long after its start a scheduled session counts as over
     * @return {@code true} if over
     */
    public boolean isOverAt(Instant now, Duration overAfter) {
        return status == SessionStatus.ENDED
                || (status == SessionStatus.SCHEDULED && now.isAfter(date.plus(overAfter)));
    }

    /**
     * A copy with another status.
     *
     * @param newStatus the status
     * @return the copy
     */
    public TherapySession withStatus(SessionStatus newStatus) {
        return new TherapySession(id, name, topic, date, newStatus, admission, whiteboard, members);
    }
}
