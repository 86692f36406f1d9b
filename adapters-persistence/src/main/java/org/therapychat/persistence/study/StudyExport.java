package org.therapychat.persistence.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.therapychat.persistence.Database;

/**
 * Writes the study a database holds ({@link StudyTables}: never login sessions, pending codes, rate
 * or presence rows or server secrets) as JSON lines: a header (format, version, schema), one line
 * per row ({@code {"kind":"<table>","row":{column: value}}}), a trailer with the count of each
 * kind. Rows stream from a cursor inside one snapshot, so memory does not grow with the study.
 */
public final class StudyExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 1_000;

    private StudyExport() {
    }

    /** Writes the study and answers the rows written per table. */
    public static Map<String, Long> write(Database db, Writer out) {
        String schema = db.schemaVersion();
        return db.snapshot(dsl -> {
            ObjectNode header = JSON.createObjectNode().put("kind", "header").put("format", StudyTables.FORMAT)
                    .put("version", StudyTables.VERSION).put("schema", schema)
                    .put("exportedAt", Instant.now().toString());
            line(out, header);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Table<?> table : StudyTables.all()) {
                counts.put(table.getName(), writeTable(dsl, table, out));
            }
            ObjectNode trailer = JSON.createObjectNode().put("kind", "trailer");
            ObjectNode countsNode = trailer.putObject("counts");
            counts.forEach(countsNode::put);
            line(out, trailer);
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return counts;
        });
    }

    private static long writeTable(DSLContext dsl, Table<?> table, Writer out) {
        long rows = 0;
        try (Cursor<? extends Record> cursor = dsl.selectFrom(table).orderBy(StudyTables.order(table))
                .fetchSize(FETCH_SIZE).fetchLazy()) {
            for (Record record : cursor) {
                ObjectNode line = JSON.createObjectNode().put("kind", table.getName());
                ObjectNode row = line.putObject("row");
                for (Field<?> field : table.fields()) {
                    row.set(field.getName(), StudyTables.toJson(field, record.get(field)));
                }
                line(out, line);
                rows++;
            }
        }
        return rows;
    }

    private static void line(Writer out, ObjectNode node) {
        try {
            out.write(JSON.writeValueAsString(node));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
