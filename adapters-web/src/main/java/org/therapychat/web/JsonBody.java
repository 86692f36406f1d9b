package org.therapychat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.therapychat.core.common.DomainException.ValidationFailed;

/**
 * A request's JSON object, read field by field so that every missing, unknown or ill-typed field
 * is a 400 that names it.
 */
final class JsonBody {
    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    static JsonBody of(JsonNode node, String where, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new ValidationFailed(where, where + " must be a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ValidationFailed(name, "unknown field " + name);
            }
        }
        return new JsonBody(node);
    }

    JsonNode node() {
        return node;
    }

    String text(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw new ValidationFailed(field, field + " is required");
        }
        return value;
    }

    /** Null when absent or JSON null; a 400 when present with another type. */
    String optionalText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ValidationFailed(field, field + " must be a string");
        }
        return v.textValue();
    }

    /** Null when absent or JSON null; a 400 unless an object whose values are all strings. */
    java.util.Map<String, String> optionalTextMap(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new ValidationFailed(field, field + " must be an object of strings");
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (var entries = v.fields(); entries.hasNext(); ) {
            var e = entries.next();
            if (!e.getValue().isTextual()) {
                throw new ValidationFailed(field, field + " must be an object of strings");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** Null when absent or JSON null; a 400 when present with another type. */
    Boolean optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new ValidationFailed(field, field + " must be true or false");
        }
        return v.booleanValue();
    }

    long nonNegativeLong(String field, long absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (v.isTextual() && v.textValue().matches("[0-9]{1,18}")) {
            return Long.parseLong(v.textValue());
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new ValidationFailed(field, field + " must be a non-negative integer");
        }
        return v.longValue();
    }

    List<String> optionalTextList(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return textList(v, field);
    }

    List<JsonNode> array(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ValidationFailed(field, field + " is required");
            }
            return List.of();
        }
        if (!v.isArray()) {
            throw new ValidationFailed(field, field + " must be an array");
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    static List<String> textList(JsonNode v, String field) {
        if (!v.isArray()) {
            throw new ValidationFailed(field, field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (item.getNodeType() != JsonNodeType.STRING) {
                throw new ValidationFailed(field, field + " must be an array of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }
}
