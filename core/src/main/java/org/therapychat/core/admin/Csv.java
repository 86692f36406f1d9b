package org.therapychat.core.admin;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 records: comma-separated, fields optionally in double quotes ("" inside for one), CRLF or LF. */
final class Csv {
    /** One record and the line it starts on (1 is the first line of the text). */
    record Line(int number, List<String> fields) {
    }

    private Csv() {
    }

    /** Every record; blank lines are skipped. A quote left open runs to the end of the text. */
    static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int startLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(lines, fields, field, fieldStarted, startLine);
                fields = new ArrayList<>();
                fieldStarted = false;
                line++;
                startLine = line;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        end(lines, fields, field, fieldStarted, startLine);
        return lines;
    }

    private static void end(List<Line> lines, List<String> fields, StringBuilder field, boolean started, int line) {
        if (started || !field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            lines.add(new Line(line, List.copyOf(fields)));
        }
        field.setLength(0);
    }
}
