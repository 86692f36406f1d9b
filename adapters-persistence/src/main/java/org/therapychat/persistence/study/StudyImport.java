package org.therapychat.persistence.study;

import static org.therapychat.persistence.jooq.Sequences.ACTION_IDS;
import static org.therapychat.persistence.jooq.Tables.ACTIONS;
import static org.therapychat.persistence.jooq.Tables.ACTION_LOG_HEADS;
import static org.therapychat.persistence.jooq.Tables.AUDIT_ENTRIES;
import static org.therapychat.persistence.jooq.Tables.AUDIT_HEAD;
import static org.therapychat.persistence.jooq.Tables.USERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.BatchBindStep;
import org.jooq.exception.DataAccessException;
import org.therapychat.persistence.Database;
import org.therapychat.persistence.JooqUserStore;
import org.therapychat.persistence.ReadPath;

/**
 * Loads a study file written by {@link StudyExport} into an empty database, in one transaction:
 * a file that is truncated, corrupted, hostile or refused by the database stores nothing, and the
 * refusal names the line. Every row is read as the app reads it ({@link ReadPath}) before it is
 * stored; the counters the app trusts are checked against the rows they count (each log head is its
 * session's highest action id, the audit head the highest entry id) and the database's own audit head
 * and action id sequence are moved above every loaded id. Kinds that are not study data (login
 * sessions, pending codes, rate and presence rows, server secrets: an older version exported them)
 * are skipped and reported, never stored. Rows are inserted in batches as they are read, every id as
 * it was.
 */
public final class StudyImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;
    /** The audit trail's one head row (V5). */
    private static final String AUDIT_HEAD_KEY = "audit";

    /** Why a file was refused; nothing of it was stored. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * What an import did.
     *
     * @param stored rows loaded per study table
     * @param skipped rows per kind that is not study data, left out (an older version's file has them)
     */
    public record Loaded(Map<String, Long> stored, Map<String, Long> skipped) {
        public Loaded {
            stored = Collections.unmodifiableMap(new LinkedHashMap<>(stored));
            skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
        }
    }

    /** A counter row of the file, with its line, checked once every row it counts is read. */
    private record Counter(long line, String of, long lastId) {
    }

    private final DSLContext dsl;
    private final String schema;
    /** Rows read per kind, skipped ones too: what the trailer must say. */
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final Map<String, Long> highestAction = new HashMap<>();
    private final Map<String, Long> firstActionLine = new LinkedHashMap<>();
    private final Map<String, Counter> logHeads = new LinkedHashMap<>();
    private long highestAudit;
    private final Map<String, String> userPairs = new HashMap<>();
    private Counter auditHead;
    private final List<Object[]> pending = new ArrayList<>();
    private Table<?> pendingTable;
    private long pendingFrom;
    private long line;

    private StudyImport(DSLContext dsl, String schema) {
        this.dsl = dsl;
        this.schema = schema;
    }

    /** Loads the study and answers the rows stored per table and the rows skipped, or throws {@link Refused}. */
    public static Loaded read(Database db, BufferedReader in) {
        String schema = db.schemaVersion();
        return db.transaction(dsl -> new StudyImport(dsl, schema).load(in));
    }

    private Loaded load(BufferedReader in) {
        refuseUnlessEmpty();
        header(next(in));
        while (true) {
            JsonNode node = next(in);
            if (node == null) {
                throw refused(line + 1, "the file ends before its trailer: it is truncated");
            }
            String kind = node.path("kind").asText("");
            if (kind.equals("trailer")) {
                flush();
                trailer(node);
                if (next(in) != null) {
                    throw refused(line, "a line after the trailer");
                }
                checkCounters();
                continueIds();
                Map<String, Long> stored = new LinkedHashMap<>(counts);
                stored.keySet().removeAll(skipped.keySet());
                return new Loaded(stored, skipped);
            }
            if (StudyTables.LEFT_BEHIND.contains(kind)) {
                counts.merge(kind, 1L, Long::sum);
                skipped.merge(kind, 1L, Long::sum);
                continue;
            }
            Table<?> table = StudyTables.named(kind).orElseThrow(() -> refused(line, "unknown kind \"" + kind + "\""));
            row(table, node.get("row"));
        }
    }

    private void refuseUnlessEmpty() {
        for (Table<?> table : StudyTables.schema()) {
            if (!StudyTables.IN_A_NEW_DATABASE.contains(table.getName()) && dsl.fetchExists(table)) {
                throw new Refused("the database is not empty (" + table.getName()
                        + " has rows): import into a new database, before any instance starts on it");
            }
        }
    }

    private JsonNode next(BufferedReader in) {
        String text;
        try {
            text = in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text == null) {
            return null;
        }
        line++;
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw refused(line, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw refused(line, "not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private void header(JsonNode node) {
        if (node == null) {
            throw refused(1, "the file is empty");
        }
        if (!node.path("kind").asText().equals("header") || !node.path("format").asText().equals(StudyTables.FORMAT)) {
            throw refused(line, "not a TherapyChat study export (no header)");
        }
        if (node.path("version").asInt(-1) != StudyTables.VERSION) {
            throw refused(line, "format version " + node.path("version") + ", this version reads " + StudyTables.VERSION);
        }
        if (!node.path("schema").asText().equals(schema)) {
            throw refused(line, "exported at schema version " + node.path("schema").asText() + ", this database is at "
                    + schema + ": export and import with the same TherapyChat version");
        }
    }

    private void row(Table<?> table, JsonNode row) {
        if (row == null || !row.isObject()) {
            throw refused(line, "no \"row\" object");
        }
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (table.field(name) == null) {
                throw refused(line, table.getName() + " has no column " + name);
            }
        }
        Field<?>[] fields = table.fields();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                values[i] = StudyTables.fromJson(fields[i], row.get(fields[i].getName()));
            } catch (IllegalArgumentException e) {
                throw refused(line, table.getName() + ": " + e.getMessage());
            }
        }
        Record record = dsl.newRecord(table);
        record.fromArray(values);
        if (ReadPath.reads(table)) {
            try {
                ReadPath.read(table, record);
            } catch (IllegalArgumentException e) {
                throw refused(line, table.getName() + ": " + e.getMessage());
            }
        }
        if (table.equals(USERS)) {
            keyIdentifier(record, values, fields);
        }
        counts.merge(table.getName(), 1L, Long::sum);
        if (!count(table, record)) {
            return;
        }
        if (table != pendingTable || pending.size() >= BATCH) {
            flush();
            pendingTable = table;
            pendingFrom = line;
        }
        pending.add(values);
    }

    /**
     * A user's identifier key is never taken from the file: it is worked out from the identifier as
     * the app does, and a second user with the same phone and identifier is refused naming its line.
     */
    private void keyIdentifier(Record record, Object[] values, Field<?>[] fields) {
        String key;
        try {
            // the identifier as the app reads it, so a row the app reads is keyed the same way
            key = JooqUserStore.identifierKey(JooqUserStore.user(record.into(USERS)).identifier());
        } catch (IllegalArgumentException e) {
            throw refused(line, "users: " + e.getMessage());
        }
        String holder = userPairs.putIfAbsent(record.get(USERS.PHONE) + " " + key, record.get(USERS.ID));
        if (holder != null) {
            throw refused(line, "users: " + record.get(USERS.ID) + " has the phone and identifier of " + holder);
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].getName().equals(USERS.IDENTIFIER_KEY.getName())) {
                values[i] = key;
            }
        }
    }

    /** Notes what the counter rows must say, or the counter row itself; answers whether the row is stored as it is. */
    private boolean count(Table<?> table, Record record) {
        if (table.equals(ACTIONS)) {
            String session = record.get(ACTIONS.THERAPY_SESSION_ID);
            highestAction.merge(session, record.get(ACTIONS.ID), Math::max);
            firstActionLine.putIfAbsent(session, line);
        } else if (table.equals(ACTION_LOG_HEADS)) {
            String session = record.get(ACTION_LOG_HEADS.THERAPY_SESSION_ID);
            if (logHeads.put(session, new Counter(line, session, record.get(ACTION_LOG_HEADS.LAST_ID))) != null) {
                throw refused(line, "action_log_heads: a second row for " + session);
            }
        } else if (table.equals(AUDIT_ENTRIES)) {
            highestAudit = Math.max(highestAudit, record.get(AUDIT_ENTRIES.ID));
        } else if (table.equals(AUDIT_HEAD)) {
            if (!AUDIT_HEAD_KEY.equals(record.get(AUDIT_HEAD.HEAD_KEY)) || auditHead != null) {
                throw refused(line, "audit_head: the one row is \"" + AUDIT_HEAD_KEY + "\"");
            }
            auditHead = new Counter(line, AUDIT_HEAD_KEY, record.get(AUDIT_HEAD.LAST_ID));
            return false;
        }
        return true;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            Field<?>[] fields = pendingTable.fields();
            BatchBindStep batch = dsl.batch(dsl.insertInto(pendingTable, fields).values(new Object[fields.length]));
            pending.forEach(batch::bind);
            batch.execute();
        } catch (DataAccessException e) {
            String where = pendingFrom == line ? "line " + line : "lines " + pendingFrom + "–" + line;
            throw new Refused(where + ": the database refused these rows (" + reason(e) + "); nothing was stored");
        }
        pending.clear();
    }

    private void trailer(JsonNode node) {
        JsonNode declared = node.path("counts");
        List<String> kinds = new ArrayList<>(StudyTables.all().stream().map(Table::getName).toList());
        kinds.addAll(new TreeSet<>(StudyTables.LEFT_BEHIND));
        for (String kind : kinds) {
            long read = counts.getOrDefault(kind, 0L);
            JsonNode said = declared.get(kind);
            if (said == null ? read != 0 : said.asLong(-1) != read) {
                throw refused(line, "the trailer counts " + (said == null ? "no" : said.asText()) + " " + kind
                        + " rows, the file holds " + read);
            }
        }
        for (Iterator<String> names = declared.fieldNames(); names.hasNext(); ) {
            String kind = names.next();
            if (!kinds.contains(kind)) {
                throw refused(line, "the trailer counts an unknown kind \"" + kind + "\"");
            }
        }
    }

    /**
     * Each log head must be its session's highest action id (0 with none), every session with actions
     * must have one, and the audit head must be the highest entry id: the app trusts them to answer
     * "nothing new" and to number what comes next. The earliest line that disagrees is refused; the
     * database's audit head row is set to the highest entry (a file without one still loads).
     */
    private void checkCounters() {
        TreeMap<Long, String> wrong = new TreeMap<>();
        logHeads.values().forEach(head -> {
            long highest = highestAction.getOrDefault(head.of(), 0L);
            if (head.lastId() != highest) {
                wrong.putIfAbsent(head.line(), "action_log_heads: last_id " + head.lastId() + ", but the highest action of "
                        + head.of() + " is " + highest);
            }
        });
        firstActionLine.forEach((session, at) -> {
            if (!logHeads.containsKey(session)) {
                wrong.putIfAbsent(at, "actions: " + session + " has actions but no action_log_heads row");
            }
        });
        if (auditHead != null && auditHead.lastId() != highestAudit) {
            wrong.putIfAbsent(auditHead.line(), "audit_head: last_id " + auditHead.lastId()
                    + ", but the highest audit entry is " + highestAudit);
        }
        if (!wrong.isEmpty()) {
            throw refused(wrong.firstKey(), wrong.firstEntry().getValue());
        }
        int set = dsl.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_ID, highestAudit)
                .where(AUDIT_HEAD.HEAD_KEY.eq(AUDIT_HEAD_KEY)).execute();
        if (set == 0) {
            dsl.insertInto(AUDIT_HEAD).set(AUDIT_HEAD.HEAD_KEY, AUDIT_HEAD_KEY).set(AUDIT_HEAD.LAST_ID, highestAudit).execute();
        }
    }

    /** Last: H2 commits a sequence change at once, so nothing may fail after it. */
    private void continueIds() {
        Long highest = dsl.select(org.jooq.impl.DSL.max(ACTIONS.ID)).from(ACTIONS).fetchOne(0, Long.class);
        if (highest != null) {
            dsl.alterSequence(ACTION_IDS).restartWith(highest + 1).execute();
        }
    }

    private static Refused refused(long line, String why) {
        return new Refused("line " + line + ": " + why + "; nothing was stored");
    }

    private static String reason(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        if (deepest instanceof java.sql.SQLException sql && sql.getNextException() != null) {
            deepest = sql.getNextException();
        }
        String message = String.valueOf(deepest.getMessage()).lines().findFirst().orElse("");
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
