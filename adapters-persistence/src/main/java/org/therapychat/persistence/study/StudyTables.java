package org.therapychat.persistence.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.therapychat.persistence.jooq.DefaultSchema;

/**
 * The tables a study file carries and how one column value becomes JSON and back. A study is what
 * the researchers collected: users, therapy sessions, members, assessments, the action log with its
 * heads (closed logs) and the audit trail. The running service's own state is never part of it (see
 * {@link #LEFT_BEHIND}); a table a later migration adds is neither until it is named here (a test
 * keeps every table named), so it never moves by accident. Tables are written in an order that puts
 * a row after the rows it refers to.
 */
final class StudyTables {
    static final String FORMAT = "therapychat-study";
    static final int VERSION = 1;
    /** The study, referenced tables first. */
    private static final List<String> STUDY = List.of("users", "therapy_sessions", "members", "assessments", "managed_records",
            "action_log_heads", "actions", "audit_entries", "audit_head");
    /**
     * The service's state, never exported; an older version's file has these kinds and import skips
     * them: login sessions (a planted one let its holder in with no code and no audit entry), pending
     * codes, rate counts, presence and the waiting room, and the server secrets (the new database makes its own, so codes
     * sent before the move expire).
     */
    static final Set<String> LEFT_BEHIND = Set.of("auth_sessions", "otp_challenges", "rate_keys", "rate_events",
            "presence", "waiting_room", "server_secrets");
    /**
     * Tables a new database may already have rows in and still count as empty: the secrets an instance
     * made when it started on it once, and the audit trail's head row the migration inserts (an import
     * sets it to the highest entry it loads).
     */
    static final Set<String> IN_A_NEW_DATABASE = Set.of("server_secrets", "audit_head");
    /** Checked against the rows it counts, never stored from the file: the database's own row is set. */
    static final String AUDIT_HEAD = "audit_head";

    private static final List<Table<?>> TABLES = STUDY.stream()
            .<Table<?>>map(name -> Objects.requireNonNull(DefaultSchema.DEFAULT_SCHEMA.getTable(name), name)).toList();

    private StudyTables() {
    }

    /** The study's tables, in the order they are written. */
    static List<Table<?>> all() {
        return TABLES;
    }

    static Optional<Table<?>> named(String name) {
        return TABLES.stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    /** Every table of the schema, the service's state too. */
    static List<Table<?>> schema() {
        return DefaultSchema.DEFAULT_SCHEMA.getTables();
    }

    /** Tables of the schema named neither study nor left behind: none, or a migration added one and nobody chose. */
    static List<String> unclassified() {
        return schema().stream().map(Table::getName).filter(n -> !STUDY.contains(n) && !LEFT_BEHIND.contains(n)).toList();
    }

    /** Rows in primary-key order (all columns for a table without one), so two exports of one study are equal. */
    static List<Field<?>> order(Table<?> table) {
        return table.getPrimaryKey() != null ? List.copyOf(table.getPrimaryKey().getFields()) : List.of(table.fields());
    }

    static JsonNode toJson(Field<?> field, Object value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value == null) {
            return json.nullNode();
        }
        if (value instanceof String s) {
            return json.textNode(s);
        }
        if (value instanceof Long l) {
            return json.numberNode(l);
        }
        if (value instanceof Integer i) {
            return json.numberNode(i);
        }
        if (value instanceof Boolean b) {
            return json.booleanNode(b);
        }
        if (value instanceof Instant t) {
            return json.textNode(t.toString());
        }
        throw new IllegalStateException("column " + field.getName() + " has a type a study file cannot carry: "
                + value.getClass().getName());
    }

    /** The column's value from its JSON, or an {@link IllegalArgumentException} saying what is wrong with it. */
    static Object fromJson(Field<?> field, JsonNode node) {
        if (node == null || node.isNull()) {
            if (!field.getDataType().nullable()) {
                throw new IllegalArgumentException(field.getName() + " may not be null");
            }
            return null;
        }
        Class<?> type = field.getType();
        if (type == String.class && node.isTextual()) {
            return node.textValue();
        }
        if (type == Long.class && node.canConvertToLong() && node.isIntegralNumber()) {
            return node.longValue();
        }
        if (type == Integer.class && node.canConvertToInt() && node.isIntegralNumber()) {
            return node.intValue();
        }
        if (type == Boolean.class && node.isBoolean()) {
            return node.booleanValue();
        }
        if (type == Instant.class && node.isTextual()) {
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field.getName() + " is not an instant");
            }
        }
        throw new IllegalArgumentException(field.getName() + " is not a " + type.getSimpleName());
    }
}
