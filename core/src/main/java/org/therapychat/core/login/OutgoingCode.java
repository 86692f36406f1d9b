package org.therapychat.core.login;

import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A login code on its way to a phone. It is sent only until {@code sendBy} and while
 * {@code stillWanted} (not superseded by a newer code, not used up); when it is not sent, for
 * whatever reason, {@code giveBack} returns what the user was charged for it.
 */
public record OutgoingCode(PhoneNumber to, String text, Instant sendBy, BooleanSupplier stillWanted, Runnable giveBack) {
    public OutgoingCode {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sendBy, "sendBy");
        Objects.requireNonNull(stillWanted, "stillWanted");
        Objects.requireNonNull(giveBack, "giveBack");
    }
}
