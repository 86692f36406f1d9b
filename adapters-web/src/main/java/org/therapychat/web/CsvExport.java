package org.therapychat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.therapychat.core.chat.StoredAction;

/**
 * The research export as RFC 4180 CSV. Cells that a spreadsheet would run as a formula are
 * prefixed with an apostrophe (OWASP's advice against CSV injection); lists are JSON arrays.
 */
final class CsvExport {
    private CsvExport() {
    }

    static String render(Web web, List<StoredAction> actions) {
        StringBuilder out = new StringBuilder();
        List<String> columns = ActionJson.EXPORT_COLUMNS;
        out.append(String.join(",", columns)).append("\r\n");
        for (StoredAction a : actions) {
            ObjectNode node = ActionJson.forExport(web, a);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(node.get(columns.get(i))));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        String text = value.isContainerNode() ? value.toString() : value.asText();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
