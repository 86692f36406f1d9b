package org.therapychat.core.login;

/** Delivers a text message to a phone. */
public interface SmsSender {
    /**
     * Sends one SMS now, on the caller's thread.
     *
     * @param to the phone
     * @param text the message body; it may hold a login code, so never log it
     * @throws org.therapychat.core.common.DomainException.ValidationFailed naming {@code phone}
     *     when the provider refuses the number for good (invalid, opted out)
     * @throws org.therapychat.core.common.DomainException.PortFailure when the provider is down
     *     or keeps throttling
     */
    void send(PhoneNumber to, String text);
}
