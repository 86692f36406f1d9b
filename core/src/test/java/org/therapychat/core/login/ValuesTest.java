package org.therapychat.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.ValidationFailed;

class ValuesTest {
    @Test
    void aPhoneNumberMustBeE164() {
        assertThat(new PhoneNumber("+16505550100").e164()).isEqualTo("+16505550100");
        assertThatThrownBy(() -> new PhoneNumber("6505550100")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhoneNumber("+0123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PhoneNumber("+16505550100").toString()).isEqualTo("+1********00");
    }

    @Test
    void theStrictParserAcceptsInternationalFormsOnly() {
        StrictPhoneNumberParser parser = new StrictPhoneNumberParser();
        assertThat(parser.parse(" +1 (650) 555-0100 ")).isEqualTo(new PhoneNumber("+16505550100"));
        assertThat(parser.parse("0049 151 1234 5678")).isEqualTo(new PhoneNumber("+4915112345678"));
        assertThatThrownBy(() -> parser.parse("650 555 0100")).isInstanceOf(ValidationFailed.class);
    }

    @Test
    void anOtpCodeIsSixDigits() {
        assertThatThrownBy(() -> new OtpCode("12345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OtpCode("１２３４５６")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new OtpCode("012345").toString()).doesNotContain("012345");
    }

    @Test
    void identifiersMatchIgnoringCaseAccentsAndSurroundingSpace() {
        assertThat(new Identifier(" Müller ").matches(new Identifier("MULLER"))).isTrue();
        assertThat(new Identifier("García  López").matches(new Identifier("garcia lopez"))).isTrue();
        assertThat(new Identifier("Smith").matches(new Identifier("Smyth"))).isFalse();
        assertThatThrownBy(() -> new Identifier("   ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateRuleCountsOnlyTheWindowAndTheGap() {
        RateRule rule = new RateRule("r", 2, Duration.ofHours(1), Duration.ofSeconds(60));
        Instant now = Instant.parse("2026-11-24T17:00:00Z");
        assertThat(rule.waitTime(List.of(), now)).isEmpty();
        assertThat(rule.waitTime(List.of(now.minusSeconds(10)), now)).contains(Duration.ofSeconds(50));
        assertThat(rule.waitTime(List.of(now.minusSeconds(3599), now.minusSeconds(100)), now))
                .contains(Duration.ofSeconds(1));
        assertThat(rule.waitTime(List.of(now.minusSeconds(3600), now.minusSeconds(100)), now)).isEmpty();
    }

    @Test
    void theSmsTextNamesTheProductAndExpiryAndEndsWithTheWebOtpLine() {
        OtpText text = new OtpText("TherapyChat", Optional.of("chat.example.org"));
        String sms = text.render(new OtpCode("123456"), Duration.ofMinutes(10));
        assertThat(sms).startsWith("Your TherapyChat code is 123456. It expires in 10 minutes.")
                .endsWith("\n\n@chat.example.org #123456");
    }
}
