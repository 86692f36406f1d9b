package org.therapychat.core.admin;

import java.time.Instant;
import java.util.List;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;

/**
 * What the researchers chart for one session, computed from its log.
 *
 * @param members one entry per member
 * @param timeToComplete how long messages took to compose, as a histogram
 * @param wordsPerMessage message length over the session, per minute with messages
 */
public record SessionStats(List<MemberStats> members, List<Bucket> timeToComplete, List<MinuteWords> wordsPerMessage) {
    /**
     * Copies the lists.
     *
     * @param members per member
     * @param timeToComplete the histogram
     * @param wordsPerMessage per minute
     */
    public SessionStats {
        members = List.copyOf(members);
        timeToComplete = List.copyOf(timeToComplete);
        wordsPerMessage = List.copyOf(wordsPerMessage);
    }

    /**
     * Messages and reactions sent, and minutes present in the chat (from the join and leave notices).
     *
     * @param id the member
     * @param displayName from the user record (the id when there is none)
     * @param role from the user record
     * @param messages messages sent, deleted ones included
     * @param reactions reactions sent
     * @param attendanceMinutes minutes present
     */
    public record MemberStats(UserId id, String displayName, Role role, int messages, int reactions,
                              double attendanceMinutes) {
    }

    /**
     * How many messages took at most {@code upToMs} to compose (and more than the bucket before).
     *
     * @param upToMs the bucket's upper bound, in milliseconds
     * @param count the messages in it
     */
    public record Bucket(long upToMs, int count) {
    }

    /**
     * The messages of one minute and their average length in words.
     *
     * @param minute the start of the minute, UTC
     * @param messages how many were sent in it
     * @param averageWords their mean number of words
     */
    public record MinuteWords(Instant minute, int messages, double averageWords) {
    }
}
