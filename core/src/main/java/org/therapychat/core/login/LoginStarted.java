package org.therapychat.core.login;

import java.time.Duration;
import org.therapychat.core.common.SecretToken;

/**
 * The one answer to a login start, whether or not a user matched.
 *
 * @param pendingLogin the pre-auth token for the browser's short-lived cookie
 * @param resendAfter how long until a resend is allowed (SPEC {@code resendAfterSeconds}, 60 s by default)
 * @param sentTo the number typed, all but its last four digits hidden ({@link PhoneNumber#maskedForDisplay()}),
 *     for the code screen; shown alike whether or not anybody matched
 */
public record LoginStarted(SecretToken pendingLogin, Duration resendAfter, String sentTo) {
}
