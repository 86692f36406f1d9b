package org.therapychat.core.directory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.Assessment;

/**
 * One read of a directory, in domain terms.
 *
 * @param people everyone the directory lists (never staff; none disabled)
 * @param sessions the therapy sessions
 * @param surveys each (session, member)'s surveys, in order
 * @param skipped records that could not be used, with why: they are left as they were, never removed
 * @param warnings what is missing though the record was used (e.g. a survey without its instance)
 */
public record Study(List<User> people, List<Session> sessions, List<Surveys> surveys, List<Issue> skipped,
                    List<Issue> warnings) {
    /**
     * Copies the lists.
     *
     * @param people everyone listed
     * @param sessions the sessions
     * @param surveys the survey lists
     * @param skipped unusable records
     * @param warnings what is missing
     * @throws NullPointerException if a list is null
     */
    public Study {
        people = List.copyOf(people);
        sessions = List.copyOf(sessions);
        surveys = List.copyOf(surveys);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /**
     * A therapy session as the directory defines it.
     *
     * @param id its id (the directory's record id)
     * @param name its name
     * @param topic its topic, possibly empty
     * @param date when it starts
     * @param members therapists and participants, by the directory's record ids
     */
    public record Session(TherapySessionId id, String name, String topic, Instant date, List<UserId> members) {
        /**
         * Checks the parts.
         *
         * @param id its id
         * @param name its name
         * @param topic its topic
         * @param date its start
         * @param members its members
         * @throws NullPointerException if a part is null
         */
        public Session {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(date, "date");
            members = List.copyOf(members);
        }
    }

    /**
     * One member's surveys for one session.
     *
     * @param session the therapy session
     * @param person the member
     * @param assessments the surveys, complete or not, in order
     */
    public record Surveys(TherapySessionId session, UserId person, List<Assessment> assessments) {
        /**
         * Checks the parts.
         *
         * @param session the session
         * @param person the member
         * @param assessments the surveys
         * @throws NullPointerException if a part is null
         */
        public Surveys {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(person, "person");
            assessments = List.copyOf(assessments);
        }
    }

    /**
     * Something about a record that staff should fix in the directory.
     *
     * @param record the directory's record id
     * @param reason what is wrong, in a line
     */
    public record Issue(String record, String reason) {
        /**
         * Checks the parts.
         *
         * @param record the record id
         * @param reason what is wrong
         * @throws NullPointerException if a part is null
         */
        public Issue {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
