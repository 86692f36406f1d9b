package org.therapychat.persistence.study;

import static org.therapychat.persistence.jooq.Sequences.ACTION_IDS;
import static org.therapychat.persistence.jooq.Tables.ACTIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.BatchBindStep;
import org.jooq.exception.DataAccessException;
import org.therapychat.persistence.Database;

/**
 * Loads a study file written by {@link StudyExport} into an empty database, in one transaction:
 * a file that is truncated, corrupted or refused by the database stores nothing, and the refusal
 * names the line. Rows are inserted in batches as they are read, every id as it was; afterwards the
 * action id sequence continues above the highest id.
 */
public final class StudyImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    /** Why a file was refused; nothing of it was stored. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final DSLContext dsl;
    private final String schema;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Object[]> pending = new ArrayList<>();
    private Table<?> pendingTable;
    private long pendingFrom;
    private long line;

    private StudyImport(DSLContext dsl, String schema) {
        this.dsl = dsl;
        this.schema = schema;
    }

    /** Loads the study and answers the rows stored per table, or throws {@link Refused}. */
    public static Map<String, Long> read(Database db, BufferedReader in) {
        String schema = db.schemaVersion();
        return db.transaction(dsl -> new StudyImport(dsl, schema).load(in));
    }

    private Map<String, Long> load(BufferedReader in) {
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
                continueIds();
                return counts;
            }
            Table<?> table = StudyTables.named(kind).orElseThrow(() -> refused(line, "unknown kind \"" + kind + "\""));
            row(table, node.get("row"));
        }
    }

    private void refuseUnlessEmpty() {
        for (Table<?> table : StudyTables.all()) {
            if (!StudyTables.REPLACED.contains(table.getName()) && dsl.fetchExists(table)) {
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
        if (table != pendingTable || pending.size() >= BATCH) {
            flush();
            pendingTable = table;
            pendingFrom = line;
        }
        if (StudyTables.REPLACED.contains(table.getName()) && !counts.containsKey(table.getName())) {
            // the study's secrets (the OTP key: its pending codes stay valid) and audit head replace the new database's
            dsl.deleteFrom(table).execute();
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
        pending.add(values);
        counts.merge(table.getName(), 1L, Long::sum);
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
        for (Table<?> table : StudyTables.all()) {
            long read = counts.getOrDefault(table.getName(), 0L);
            JsonNode said = declared.get(table.getName());
            if (said == null ? read != 0 : said.asLong(-1) != read) {
                throw refused(line, "the trailer counts " + (said == null ? "no" : said.asText()) + " " + table.getName()
                        + " rows, the file holds " + read);
            }
        }
        for (Iterator<String> kinds = declared.fieldNames(); kinds.hasNext(); ) {
            String kind = kinds.next();
            if (StudyTables.named(kind).isEmpty()) {
                throw refused(line, "the trailer counts an unknown kind \"" + kind + "\"");
            }
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
