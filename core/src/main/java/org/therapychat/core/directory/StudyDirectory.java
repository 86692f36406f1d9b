package org.therapychat.core.directory;

import org.therapychat.core.common.DomainException.DirectoryUnavailable;

/**
 * Where the study's people, therapy sessions and surveys come from when a research platform owns
 * them (SPEC §6). A read is all or nothing: a failed or partial read throws, never answers less.
 */
public interface StudyDirectory {
    /**
     * The directory's name as shown to staff and in errors, e.g. {@code REDCap}; its lower-case
     * form is the audit actor of a sync and the {@code managedBy} of what it brought.
     *
     * @return a short name
     */
    String name();

    /**
     * The whole study as the directory holds it now.
     *
     * @return people, sessions, surveys, and the records that could not be used
     * @throws DirectoryUnavailable when the directory cannot be read completely
     */
    Study readAll();

    /**
     * The study with one record read afresh (after the directory said it changed): the rest as last
     * read, so only what that record holds is new. Before any full read this is a full read.
     *
     * @param record the directory's record id
     * @return the study, with that record's people, sessions and surveys as they are now
     * @throws DirectoryUnavailable when the record cannot be read
     */
    Study readWithFresh(String record);

    /**
     * Whether the last read left something to fetch (e.g. survey links beyond one read's time budget):
     * the sync then reads again soon instead of waiting for its interval.
     *
     * @return true while more remains to fetch
     */
    default boolean hasMore() {
        return false;
    }
}
