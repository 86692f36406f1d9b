package org.therapychat.core.directory;

import java.util.Map;
import java.util.Optional;

/**
 * Which users and therapy sessions an external directory owns: admin writes to them are refused
 * (they are edited there), and only these does a sync disable when they leave the directory.
 */
public interface ManagedRecords {
    /** What a mark is on. */
    enum Kind {
        /** A user, by user id. */
        USER,
        /** A therapy session, by session id. */
        SESSION
    }

    /**
     * The directory that owns this record, if any.
     *
     * @param kind user or session
     * @param id the record's id
     * @return the directory's name, e.g. {@code REDCap}
     */
    Optional<String> source(Kind kind, String id);

    /**
     * Every mark of a kind.
     *
     * @param kind user or session
     * @return id to directory name
     */
    Map<String, String> all(Kind kind);

    /**
     * Marks a record as owned by a directory, in the unit of work open on this thread.
     *
     * @param kind user or session
     * @param id the record's id
     * @param source the directory's name
     */
    void mark(Kind kind, String id, String source);

    /**
     * Marks many records at once, as {@link #mark} each in turn (a first sync marks a whole study;
     * an adapter may write them in one batch).
     *
     * @param kind user or session
     * @param ids the records' ids
     * @param source the directory's name
     */
    default void markAll(Kind kind, java.util.Collection<String> ids, String source) {
        ids.forEach(id -> mark(kind, id, source));
    }

    /**
     * For a core with no directory: nothing is managed, and nothing can be marked.
     *
     * @return marks that are always empty
     */
    static ManagedRecords none() {
        return new ManagedRecords() {
            @Override
            public Optional<String> source(Kind kind, String id) {
                return Optional.empty();
            }

            @Override
            public Map<String, String> all(Kind kind) {
                return Map.of();
            }

            @Override
            public void mark(Kind kind, String id, String source) {
                throw new UnsupportedOperationException("no directory is configured");
            }
        };
    }
}
