package org.therapychat.core.login;

/** How {@link LoginService} hands a code over for delivery. */
public interface CodeSender {
    /**
     * Hands a code over. Must not throw for a provider failure: the answer to a login start may
     * not depend on it.
     *
     * @param code the code, its phone, its send-by time and how to give its charge back
     */
    void send(OutgoingCode code);

    /**
     * Sends at once on the caller's thread (embedders and tests). A login start then takes a
     * provider round trip longer when a user matched; the app uses {@link BackgroundSmsSender}.
     *
     * @param sms the provider adapter
     * @return a sender that calls {@code sms} directly
     */
    static CodeSender direct(SmsSender sms) {
        return code -> sms.send(code.to(), code.text());
    }
}
