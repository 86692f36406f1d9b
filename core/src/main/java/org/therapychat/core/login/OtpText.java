package org.therapychat.core.login;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMS that carries a code: short, names the product and the expiry, and ends with the WebOTP
 * line ({@code @host #123456}) so phones offer the code for autofill on that host.
 */
public record OtpText(String productName, Optional<String> webOtpHost) {
    public OtpText {
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(webOtpHost, "webOtpHost");
    }

    public static OtpText standard() {
        return new OtpText("TherapyChat", Optional.empty());
    }

    public String render(OtpCode code, Duration lifetime) {
        String text = "Your " + productName + " code is " + code.digits() + ". It expires in "
                + lifetime.toMinutes() + " minutes.";
        return webOtpHost.map(host -> text + "\n\n@" + host + " #" + code.digits()).orElse(text);
    }
}
