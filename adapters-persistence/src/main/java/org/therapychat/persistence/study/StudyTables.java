package org.therapychat.persistence.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Table;
import org.therapychat.persistence.jooq.DefaultSchema;

/**
 * The tables a study file carries and how one column value becomes JSON and back. Every table of
 * the schema is one kind of line, named after the table: a table a later migration adds (the audit
 * log) moves with no code here as long as its columns are text, numbers, booleans or instants.
 * Tables are written in an order that puts a row after the rows it refers to.
 */
final class StudyTables {
    static final String FORMAT = "therapychat-study";
    static final int VERSION = 1;
    /** Referenced tables first; tables not named here follow in name order. */
    private static final List<String> ORDER = List.of("users", "therapy_sessions", "members", "assessments",
            "action_log_heads", "actions", "auth_sessions", "otp_challenges", "rate_keys", "rate_events", "presence",
            "server_secrets");
    /** Rows of these tables may already be in a database that counts as empty (an instance started on it once). */
    static final String SECRETS = "server_secrets";
    /**
     * Tables a new database already has rows in — the OTP key an instance created, the audit trail's
     * head row the migration inserts — which the study's own rows replace.
     */
    static final java.util.Set<String> REPLACED = java.util.Set.of(SECRETS, "audit_head");

    private StudyTables() {
    }

    static List<Table<?>> all() {
        return DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .sorted(Comparator.<Table<?>>comparingInt(StudyTables::rank).thenComparing(Table::getName))
                .toList();
    }

    static Optional<Table<?>> named(String name) {
        return all().stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    private static int rank(Table<?> table) {
        int at = ORDER.indexOf(table.getName());
        return at < 0 ? ORDER.size() : at;
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
