package org.therapychat.core.directory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How syncing with the directory goes, for the console and the metrics.
 *
 * @param source the directory's name
 * @param lastSyncAt when the last full read was applied
 * @param failingSince when reads started failing (empty while they succeed)
 * @param error the last failure's reason while failing
 * @param people people in the last good read
 * @param sessions therapy sessions in the last good read
 * @param surveys (session, member) survey lists in the last good read
 * @param skipped records of the last good read that could not be used
 * @param warnings what the last good read lacked
 * @param failures failed syncs since start
 * @param lastChanges how many records the last applied sync changed (0: it wrote nothing)
 * @param nextAttemptAt when the next full read is due
 * @param lastSyncMillis how long the last good full read and its writes took, in milliseconds
 */
public record DirectoryStatus(String source, Optional<Instant> lastSyncAt, Optional<Instant> failingSince,
                              Optional<String> error, int people, int sessions, int surveys,
                              List<Study.Issue> skipped, List<Study.Issue> warnings, long failures, int lastChanges,
                              Optional<Instant> nextAttemptAt, long lastSyncMillis) {
    /**
     * Copies the lists.
     *
     * @param source the directory's name
     * @param lastSyncAt the last good full read
     * @param failingSince the first of the failures under way
     * @param error the last failure's reason
     * @param people people read
     * @param sessions sessions read
     * @param surveys survey lists read
     * @param skipped records not used
     * @param warnings what was missing
     * @param failures failed syncs since start
     * @param lastChanges records the last sync wrote
     * @param nextAttemptAt when the next full read is due
     * @param lastSyncMillis the last good full sync's duration
     * @throws NullPointerException if a part is null
     */
    public DirectoryStatus {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }
}
