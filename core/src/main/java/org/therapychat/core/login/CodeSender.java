package org.therapychat.core.login;

/** How {@link LoginService} hands a code over for delivery. */
public interface CodeSender {
    void send(OutgoingCode code);

    /**
     * Sends at once on the caller's thread (embedders and tests). A login start then takes a
     * provider round trip longer when a user matched; the app uses {@link BackgroundSmsSender}.
     */
    static CodeSender direct(SmsSender sms) {
        return code -> sms.send(code.to(), code.text());
    }
}
