package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.ACTIONS;
import static org.therapychat.persistence.jooq.Tables.ASSESSMENTS;
import static org.therapychat.persistence.jooq.Tables.AUDIT_ENTRIES;
import static org.therapychat.persistence.jooq.Tables.MEMBERS;
import static org.therapychat.persistence.jooq.Tables.THERAPY_SESSIONS;
import static org.therapychat.persistence.jooq.Tables.USERS;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Record;
import org.jooq.Table;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.persistence.jooq.tables.records.TherapySessionsRecord;

/**
 * A row as the app reads it, through the same mapper as each port's read path. {@code import-data}
 * reads every row it loads here first, so a row the app could not read (an action type it does not
 * know, a phone not in E.164 form, an unknown role) is refused with its line when it arrives,
 * instead of failing every later read that meets it (a 500 on each sync, a user who never logs in).
 */
public final class ReadPath {
    private static final List<String> STATUSES = Arrays.stream(SessionStatus.values()).map(SessionStatus::wireName).toList();
    private static final Map<String, Function<Record, Object>> READERS = Map.of(
            USERS.getName(), r -> JooqUserStore.user(r.into(USERS)),
            THERAPY_SESSIONS.getName(), r -> therapySession(r.into(THERAPY_SESSIONS)),
            MEMBERS.getName(), r -> JooqTherapySessions.member(r.into(MEMBERS)),
            ASSESSMENTS.getName(), r -> JooqAssessments.assessment(r.into(ASSESSMENTS)),
            ACTIONS.getName(), r -> ActionRows.toAction(r.into(ACTIONS)),
            AUDIT_ENTRIES.getName(), r -> JooqAuditTrail.entry(r.into(AUDIT_ENTRIES)));

    private ReadPath() {
    }

    /**
     * Whether the app reads this table's rows as values; the others are counters and flags (the
     * log heads, the audit head) that an import works out or checks itself.
     *
     * @param table a table of the schema
     * @return whether {@link #read} reads its rows
     */
    public static boolean reads(Table<?> table) {
        return READERS.containsKey(table.getName());
    }

    /**
     * Reads the row as the app would.
     *
     * @param table the row's table, one that {@link #reads}
     * @param row its columns
     * @return the value the app would make of it
     * @throws IllegalArgumentException saying why the app could not read it
     */
    public static Object read(Table<?> table, Record row) {
        Function<Record, Object> reader = READERS.get(table.getName());
        if (reader == null) {
            throw new IllegalArgumentException("the app reads no " + table.getName() + " row as a value");
        }
        try {
            return reader.apply(row);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("a value the app needs is null (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The read path takes any case of a status; every write matches the exact name, so only that is read back. */
    private static Object therapySession(TherapySessionsRecord r) {
        if (!STATUSES.contains(r.getStatus())) {
            throw new IllegalArgumentException("status must be " + String.join(", ", STATUSES.subList(0, STATUSES.size() - 1))
                    + " or " + STATUSES.get(STATUSES.size() - 1));
        }
        return JooqTherapySessions.session(r, List.of());
    }
}
