package org.therapychat.core.therapy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A survey a participant owes: before ({@code pre}) or after ({@code post}) the session.
 *
 * @param name the survey's name, 1-200 characters, e.g. {@code post-session_survey}
 * @param due when it is due
 * @param complete whether the participant has completed it
 * @param url where to fill it in, an http(s) address of at most 2,000 characters; shown only while incomplete
 */
public record Assessment(String name, Due due, boolean complete, Optional<String> url) {
    /** When a survey is due relative to its session. */
    public enum Due {
        /** Before the session: a participant must complete it to enter. */
        PRE,
        /** After the session: on the to-do list once the session is over. */
        POST;

        /**
         * The name the admin API reads and writes.
         *
         * @return {@code pre} or {@code post}
         */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The value an admin call named.
         *
         * @param name {@code pre} or {@code post}
         * @return the value
         * @throws IllegalArgumentException for any other name
         */
        public static Due fromWire(String name) {
            for (Due d : values()) {
                if (d.wireName().equals(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("due must be pre or post");
        }
    }

    /**
     * Checks the survey.
     *
     * @param name 1-200 characters, not blank
     * @param due when it is due
     * @param complete whether completed
     * @param url an http(s) address of at most 2,000 characters, or empty
     * @throws IllegalArgumentException if a rule is broken
     */
    public Assessment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(url, "url");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1-200 characters");
        }
        url.ifPresent(Assessment::requireWebAddress);
    }

    /**
     * The status clients read.
     *
     * @return {@code complete} or {@code incomplete}
     */
    public String statusName() {
        return complete ? "complete" : "incomplete";
    }

    /**
     * Whether it is on the participant's to-do list now: incomplete, and "pre" while the session is
     * not over or "post" once it is.
     *
     * @param session the session it belongs to
     * @param now the time to judge at
     * @param overAfter how long after its start a scheduled session counts as over
     * @return {@code true} if it is due now
     */
    public boolean isDueFor(TherapySession session, java.time.Instant now, java.time.Duration overAfter) {
        if (complete) {
            return false;
        }
        boolean over = session.isOverAt(now, overAfter);
        return due == Due.PRE ? !over : over;
    }

    private static void requireWebAddress(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://")) || url.length() > 2000) {
            throw new IllegalArgumentException("url must be an http(s) address of at most 2000 characters");
        }
    }
}
