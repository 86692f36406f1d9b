package org.therapychat.core.therapy;

import java.util.List;

/**
 * The user's therapy sessions, newest first, and how many of their surveys are due now.
 *
 * @param sessions one entry per session, newest first
 * @param todo the number of the user's incomplete assessments due now, over all sessions
 */
public record SessionOverview(List<Entry> sessions, int todo) {
    /**
     * Copies the list.
     *
     * @param sessions the entries
     * @param todo the count due now
     */
    public SessionOverview {
        sessions = List.copyOf(sessions);
    }

    /**
     * A session with the caller's assessments; {@code dueNow} are those on their to-do list now.
     *
     * @param session the therapy session
     * @param assessments all of the caller's surveys for it, in order
     * @param dueNow the incomplete ones due now ("pre" before the session is over, "post" after)
     */
    public record Entry(TherapySession session, List<Assessment> assessments, List<Assessment> dueNow) {
        /**
         * Copies the lists.
         *
         * @param session the therapy session
         * @param assessments all surveys
         * @param dueNow those due now
         */
        public Entry {
            assessments = List.copyOf(assessments);
            dueNow = List.copyOf(dueNow);
        }
    }
}
