package org.therapychat.core.therapy;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A survey a participant owes: before ({@code pre}) or after ({@code post}) the session.
 *
 * @param name the survey's name, 1-200 characters, e.g. {@code post-session_survey}
 * @param due when it is due
 * @param complete whether the participant has completed it
 * @param url where to fill it in, an http(s) address of at most 2,000 characters; shown only while incomplete
 * @param label what to show instead of the name, in any language (1-200 characters), or empty
 * @param labels what to show in a given language ({@code en}, {@code es}: 2-3 lowercase letters), each
 *     1-200 characters, at most {@value #MAX_LABELS}; a client shows its viewer's, else {@code label}, else the name
 */
public record Assessment(String name, Due due, boolean complete, Optional<String> url, Optional<String> label,
                         Map<String, String> labels) {
    /** The most languages one survey is labelled in. */
    public static final int MAX_LABELS = 8;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

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
     * @param label 1-200 characters, not blank, or empty
     * @param labels language code to label; copied
     * @throws IllegalArgumentException if a rule is broken
     */
    public Assessment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(label, "label");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1-200 characters");
        }
        url.ifPresent(Assessment::requireWebAddress);
        label.ifPresent(l -> requireLabel(l, "label"));
        labels = Map.copyOf(labels);
        if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException("labels: at most " + MAX_LABELS + " languages");
        }
        labels.forEach((language, text) -> {
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException("labels: a language is a code of 2-3 lowercase letters such as en or es");
            }
            requireLabel(text, "labels");
        });
    }

    /**
     * A survey shown under its name.
     *
     * @param name 1-200 characters, not blank
     * @param due when it is due
     * @param complete whether completed
     * @param url an http(s) address of at most 2,000 characters, or empty
     */
    public Assessment(String name, Due due, boolean complete, Optional<String> url) {
        this(name, due, complete, url, Optional.empty(), Map.of());
    }

    private static void requireLabel(String text, String field) {
        if (text.isBlank() || text.length() > 200 || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + ": a label is 1-200 characters on one line");
        }
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
