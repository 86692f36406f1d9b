package org.therapychat.core.login;

import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A login code on its way to a phone. It is sent only until {@code sendBy} and while
 * {@code stillWanted} (not superseded by a newer code, not used up); when it is not sent, for
 * whatever reason, {@code giveBack} voids it and returns what the user was charged for it, unless
 * it was already tried or replaced (then the charge stands).
 *
 * @param to the phone
 * @param text the SMS body, with the code in it: never log it
 * @param sendBy past this time the code is dropped rather than sent
 * @param stillWanted asked just before sending
 * @param giveBack voids a code not sent and refunds its charge if it was never tried
 */
public record OutgoingCode(PhoneNumber to, String text, Instant sendBy, BooleanSupplier stillWanted, Runnable giveBack) {
    /**
     * Checks that nothing is null.
     *
     * @param to the phone
     * @param text the SMS body
     * @param sendBy the send-by time
     * @param stillWanted whether to still send it
     * @param giveBack the refund
     */
    public OutgoingCode {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sendBy, "sendBy");
        Objects.requireNonNull(stillWanted, "stillWanted");
        Objects.requireNonNull(giveBack, "giveBack");
    }
}
