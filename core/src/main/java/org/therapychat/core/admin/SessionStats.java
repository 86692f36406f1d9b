package org.therapychat.core.admin;

import java.time.Instant;
import java.util.List;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;

/** What the researchers chart for one session, computed from its log. */
public record SessionStats(List<MemberStats> members, List<Bucket> timeToComplete, List<MinuteWords> wordsPerMessage) {
    public SessionStats {
        members = List.copyOf(members);
        timeToComplete = List.copyOf(timeToComplete);
        wordsPerMessage = List.copyOf(wordsPerMessage);
    }

    /** Messages and reactions sent, and minutes present in the chat (from the join and leave notices). */
    public record MemberStats(UserId id, String displayName, Role role, int messages, int reactions,
                              double attendanceMinutes) {
    }

    /** How many messages took at most {@code upToMs} to compose (and more than the bucket before). */
    public record Bucket(long upToMs, int count) {
    }

    /** The messages of one minute and their average length in words. */
    public record MinuteWords(Instant minute, int messages, double averageWords) {
    }
}
