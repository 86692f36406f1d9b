package org.therapychat.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.InvalidCode;
import org.therapychat.core.common.DomainException.TooManyCodes;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.login.LoginCounts.Refusal;

class LoginCountsTest {
    private static final String IP = "198.51.100.7";
    private final World world = new World().withWeek1();
    private final LoginService login = world.login;

    @Test
    void startsVerificationsAndRefusalsAreCountedByReason() {
        LoginStarted first = login.start("+16505550101", "Smith", IP);
        assertThatThrownBy(() -> login.start("+16505550101", "Smith", IP)).isInstanceOf(TooManyCodes.class);
        assertThatThrownBy(() -> login.verify(first.pendingLogin(), "000000".equals(code()) ? "111111" : "000000",
                Optional.empty())).isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> login.resend(first.pendingLogin())).isInstanceOf(Unauthenticated.class);

        world.clock.advance(Duration.ofMinutes(2));
        LoginStarted second = login.start("+16505550101", "Smith", IP);
        login.verify(second.pendingLogin(), code(), Optional.empty());

        LoginCounts counts = login.counts();
        assertThat(counts.started()).isEqualTo(2);
        assertThat(counts.verified()).isEqualTo(1);
        assertThat(counts.refused(Refusal.TOO_MANY_CODES)).isEqualTo(1);
        assertThat(counts.refused(Refusal.INVALID_CODE)).isEqualTo(1);
        assertThat(counts.refused(Refusal.LOGIN_EXPIRED)).isEqualTo(1);
    }

    private String code() {
        String text = world.sms.sent().get(world.sms.sent().size() - 1).text();
        return text.replaceAll("(?s).*code is (\\d{6}).*", "$1");
    }
}
