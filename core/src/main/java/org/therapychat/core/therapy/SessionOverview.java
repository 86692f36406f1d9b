package org.therapychat.core.therapy;

import java.util.List;

/** The user's therapy sessions, newest first, and how many of their surveys are due now. */
public record SessionOverview(List<Entry> sessions, int todo) {
    public SessionOverview {
        sessions = List.copyOf(sessions);
    }

    /** A session with the caller's assessments; {@code dueNow} are those on their to-do list now. */
    public record Entry(TherapySession session, List<Assessment> assessments, List<Assessment> dueNow) {
        public Entry {
            assessments = List.copyOf(assessments);
            dueNow = List.copyOf(dueNow);
        }
    }
}
