package org.therapychat.core.therapy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A survey a participant owes: before ({@code pre}) or after ({@code post}) the session. */
public record Assessment(String name, Due due, boolean complete, Optional<String> url) {
    public enum Due {
        PRE, POST;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Due fromWire(String name) {
            for (Due d : values()) {
                if (d.wireName().equals(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("due must be pre or post");
        }
    }

    public Assessment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(url, "url");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1-200 characters");
        }
        url.ifPresent(Assessment::requireWebAddress);
    }

    public String statusName() {
        return complete ? "complete" : "incomplete";
    }

    /** Whether it is on the participant's to-do list now. */
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
