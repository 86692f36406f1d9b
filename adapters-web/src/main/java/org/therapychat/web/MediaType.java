package org.therapychat.web;

import java.util.Locale;
import spark.Request;

/**
 * A body is read only when its {@code Content-Type} says what the route reads: the type itself, with at
 * most a UTF-8 charset. A cross-site form can send {@code text/plain} or a form encoding but never
 * {@code application/json} without a CORS preflight, so this also keeps forms off the JSON routes.
 */
final class MediaType {
    private MediaType() {
    }

    /** Throws a 415 naming {@code Content-Type} unless the request's body is declared as {@code expected}. */
    static void require(Request req, String expected) {
        if (!is(req.contentType(), expected)) {
            throw new Unsupported(expected);
        }
    }

    static boolean is(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals(expected)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (!parameter.isEmpty() && !parameter.replace(" ", "").matches("charset=\"?utf-8\"?")) {
                return false;
            }
        }
        return true;
    }

    /** Mapped to {@code 415 {"error":"unsupported_media_type","field":"Content-Type"}}. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String expected) {
            super("Send the body as " + expected + " (UTF-8).", null, false, false);
        }
    }
}
