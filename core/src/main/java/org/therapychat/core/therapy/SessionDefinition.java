package org.therapychat.core.therapy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * What an admin PUT owns of a therapy session: its name, topic, date, admission setting and who
 * its members are. Everything else (status, whiteboard, each member's admitted/revoked state)
 * belongs to the therapists and is never part of a definition, so a PUT cannot undo it.
 *
 * @param id the therapy session
 * @param name 1-200 characters
 * @param topic at most 2,000 characters
 * @param date the start time
 * @param admission whether participants wait for admission
 * @param members the members' user ids, distinct, in order
 */
public record SessionDefinition(TherapySessionId id, String name, String topic, Instant date, Admission admission,
                                List<UserId> members) {
    /**
     * Checks the definition.
     *
     * @param id the therapy session
     * @param name 1-200 characters, not blank
     * @param topic at most 2,000 characters
     * @param date the start time
     * @param admission the admission setting
     * @param members distinct user ids; copied
     * @throws IllegalArgumentException if a rule is broken
     */
    public SessionDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(admission, "admission");
        members = List.copyOf(members);
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1-200 characters");
        }
        if (topic.length() > 2000) {
            throw new IllegalArgumentException("topic must be at most 2000 characters");
        }
        if (members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("members must be distinct");
        }
    }

    /**
     * Whether {@code session} already is what this definition says (members in this order).
     *
     * @param session the stored session
     * @return {@code true} if a PUT of this definition would change nothing
     */
    public boolean isMetBy(TherapySession session) {
        return session.name().equals(name) && session.topic().equals(topic) && session.date().equals(date)
                && session.admission() == admission
                && session.members().stream().map(Member::user).toList().equals(members);
    }

    /**
     * The session this definition creates: scheduled, no whiteboard, everyone a newcomer.
     *
     * @return the new session
     */
    public TherapySession newSession() {
        return new TherapySession(id, name, topic, date, SessionStatus.SCHEDULED, admission, "",
                members.stream().map(Member::newcomer).toList());
    }
}
