package org.therapychat.core.admin;

import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.PlainText;

/** The one-line check of the admin specs' names, refused as the field the client sent. */
final class SpecText {
    private SpecText() {
    }

    static void requireLine(String text, String field) {
        if (text != null) {
            PlainText.notALine(text).ifPresent(problem -> {
                throw new ValidationFailed(field, field + " " + problem);
            });
        }
    }
}
