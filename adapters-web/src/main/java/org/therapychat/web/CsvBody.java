package org.therapychat.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.therapychat.core.common.DomainException.ValidationFailed;
import spark.Request;

/** A {@code text/csv} request body as text: UTF-8, strictly (a byte that is not is a 400). */
final class CsvBody {
    private CsvBody() {
    }

    static String read(Request req) {
        String type = req.contentType() == null ? "" : req.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("text/csv")) {
            throw new ValidationFailed("Content-Type", "Send the roster as text/csv.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(req.bodyAsBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationFailed("body", "The roster must be UTF-8 text.");
        }
    }
}
