package org.therapychat.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Entries of the audit trail newest first, and where the next older page starts.
 *
 * @param entries highest id first
 * @param nextBefore the id to ask for the next older page with; empty when there is nothing older
 */
public record AuditPage(List<AuditEntry> entries, OptionalLong nextBefore) {
    /**
     * Copies the entries.
     *
     * @param entries not null
     * @param nextBefore not null
     */
    public AuditPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(nextBefore, "nextBefore");
    }
}
