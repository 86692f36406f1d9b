package org.therapychat.core.audit;

import java.time.Instant;
import java.util.List;

/** The append-only audit trail, shared by every app instance: nothing changes or deletes an entry. */
public interface AuditTrail {
    /**
     * Appends an entry with the next id (ids increase in commit order) and answers it.
     *
     * @param at when it happened
     * @param actor who did it
     * @param action what was done
     * @param target what it was done to
     * @param outcome how it went
     * @return the stored entry, with its id
     */
    AuditEntry append(Instant at, String actor, String action, String target, String outcome);

    /**
     * Entries with an id above {@code afterId}, in id order, at most {@code limit}: page through all with it.
     *
     * @param afterId the last id already read; 0 for the start
     * @param limit the most entries to answer
     * @return the entries, possibly empty
     */
    List<AuditEntry> after(long afterId, int limit);

    /**
     * Entries with an id below {@code beforeId}, newest first, at most {@code limit}: page back from
     * the newest with {@code Long.MAX_VALUE}, then with the last id of each page.
     *
     * @param beforeId the oldest id already read; {@code Long.MAX_VALUE} for the newest page
     * @param limit the most entries to answer
     * @return the entries, highest id first, possibly empty
     */
    List<AuditEntry> before(long beforeId, int limit);

    /**
     * Stores an entry with its own id (moving a study with import-data); later appends get ids above
     * every inserted one.
     *
     * @param entry the entry as exported
     * @throws IllegalArgumentException an entry with this id exists
     */
    void insert(AuditEntry entry);
}
