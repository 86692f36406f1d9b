package org.therapychat.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.therapychat.core.common.DomainException.ValidationFailed;
import spark.Request;

/** A {@code text/csv} request body as text (another type is a 415): UTF-8, strictly (a byte that is not is a 400). */
final class CsvBody {
    private CsvBody() {
    }

    static String read(Request req) {
        MediaType.require(req, "text/csv");
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
