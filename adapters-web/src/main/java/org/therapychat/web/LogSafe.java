package org.therapychat.web;

/**
 * Request data made fit for a log line: control characters (CR, LF, ESC …), DEL, C1 controls and
 * the Unicode line separators are written as {@code \\uXXXX} (and a backslash as two), so what a
 * client sends can never start a line of its own or drive a terminal.
 */
final class LogSafe {
    private LogSafe() {
    }

    static String text(String raw) {
        if (raw == null) {
            return "-";
        }
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean escape = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\\';
            if (escape && out == null) {
                out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            if (out != null) {
                if (c == '\\') {
                    out.append("\\\\");
                } else if (escape) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? raw : out.toString();
    }

    /**
     * A copy of a failure whose messages (its own and its causes') are escaped, with the same stack
     * traces: an exception message may quote what a client sent.
     */
    static Throwable throwable(Throwable e) {
        if (e == null) {
            return null;
        }
        Throwable copy = new LoggedFailure(e.getClass().getName() + ": " + text(e.getMessage()), throwable(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static final class LoggedFailure extends RuntimeException {
        LoggedFailure(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
