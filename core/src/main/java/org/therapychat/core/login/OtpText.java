package org.therapychat.core.login;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMS that carries a code: short, names the product and the expiry, and ends with the WebOTP
 * line ({@code @host #123456}) so phones offer the code for autofill on that host.
 *
 * @param productName the name the SMS starts with, e.g. {@code TherapyChat}
 * @param webOtpHost the host of the web app for the WebOTP line; empty for no such line
 */
public record OtpText(String productName, Optional<String> webOtpHost) {
    /**
     * Checks that nothing is null.
     *
     * @param productName the product's name
     * @param webOtpHost the WebOTP host, or empty
     */
    public OtpText {
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(webOtpHost, "webOtpHost");
    }

    /**
     * The text without a WebOTP line.
     *
     * @return the text for {@code TherapyChat}
     */
    public static OtpText standard() {
        return new OtpText("TherapyChat", Optional.empty());
    }

    /**
     * The SMS body for one code.
     *
     * @param code the code
     * @param lifetime how long it is valid, told in whole minutes
     * @return the text to send
     */
    public String render(OtpCode code, Duration lifetime) {
        String text = "Your " + productName + " code is " + code.digits() + ". It expires in "
                + lifetime.toMinutes() + " minutes.";
        return webOtpHost.map(host -> text + "\n\n@" + host + " #" + code.digits()).orElse(text);
    }
}
