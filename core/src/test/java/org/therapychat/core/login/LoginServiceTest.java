package org.therapychat.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.therapychat.core.fixtures.Samples.ana;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.InvalidCode;
import org.therapychat.core.common.DomainException.TooManyCodes;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.fixtures.FailingAuthSessionStore;
import org.therapychat.core.fixtures.World;

class LoginServiceTest {
    private static final String IP = "198.51.100.7";
    private final World world = new World().withWeek1();
    private final LoginService login = world.login;

    @Test
    void aMatchingUserGetsASixDigitCodeBySms() {
        LoginStarted started = login.start("+1 (650) 555-0101", "Smith", IP);
        assertThat(started.resendAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(world.sms.sent()).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo(ana().phone());
            assertThat(sms.text()).containsPattern("code is \\d{6}\\. It expires in 10 minutes");
        });
    }

    @Test
    void anUnknownPhoneOrIdentifierGetsTheSameAnswerAndNoSms() {
        LoginStarted unknownPhone = login.start("+1 650 555 0177", "Smith", IP);
        LoginStarted wrongName = login.start("+1 650 555 0101", "Smyth", IP);
        assertThat(unknownPhone.resendAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(wrongName.resendAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(unknownPhone.pendingLogin()).isNotNull();
        assertThat(world.sms.sent()).isEmpty();
        assertThat(world.challenges.find(unknownPhone.pendingLogin().digest())).isPresent();
    }

    @Test
    void theIdentifierIsComparedTrimmedIgnoringCaseAndAccents() {
        login.start("+16505550103", "  MULLER ", IP);
        assertThat(world.sms.sent()).hasSize(1);
    }

    @Test
    void aSecondCodeWithinSixtySecondsIsRefusedWithTheTimeToWait() {
        login.start("+16505550101", "Smith", IP);
        world.clock.advance(Duration.ofSeconds(20));
        TooManyCodes refused = catchThrowableOfType(TooManyCodes.class, () -> login.start("+16505550101", "Smith", IP));
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);
        assertThat(world.sms.sent()).hasSize(1);
    }

    @Test
    void resendObeysTheSameSixtySecondRule() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        assertThatThrownBy(() -> login.resend(started.pendingLogin())).isInstanceOf(TooManyCodes.class);
        world.clock.advance(Duration.ofSeconds(60));
        login.resend(started.pendingLogin());
        assertThat(world.sms.sent()).hasSize(2);
    }

    @Test
    void atMostThreeCodesPerPhoneAndIdentifierInAnyRollingHour() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        world.clock.advance(Duration.ofMinutes(1));
        login.resend(started.pendingLogin());
        world.clock.advance(Duration.ofMinutes(1));
        login.start("+16505550101", "Smith", IP);
        world.clock.advance(Duration.ofMinutes(1));
        TooManyCodes refused = catchThrowableOfType(TooManyCodes.class, () -> login.start("+16505550101", "Smith", IP));
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(57));
        world.clock.advance(Duration.ofMinutes(57));
        login.start("+16505550101", "Smith", IP);
        assertThat(world.sms.sent()).hasSize(4);
    }

    /** Issue 21 B11: three starts with a wrong last name used to lock the phone's owner out for the hour. */
    @Test
    void aStrangerWhoKnowsThePhoneCannotSpendItsOwnersCodes() {
        for (int i = 0; i < 3; i++) {
            login.start("+16505550101", "Smyth", IP);
            world.clock.advance(Duration.ofMinutes(1));
        }
        assertThatThrownBy(() -> login.start("+16505550101", " SMYTH ", IP)).isInstanceOf(TooManyCodes.class);
        login.start("+16505550101", "Smith", IP);
        assertThat(world.sms.sent()).hasSize(1);
    }

    @Test
    void theSixtySecondsBetweenCodesCountPerPhoneAndIdentifier() {
        login.start("+16505550101", "Smyth", IP);
        login.start("+16505550101", "Smith", IP);
        assertThat(world.sms.sent()).hasSize(1);
    }

    @Test
    void aCapPerPhoneOverEveryIdentifierGuardsAgainstSmsPumping() {
        for (int i = 0; i < 10; i++) {
            login.start("+16505550101", "Name " + i, "203.0.113." + i);
        }
        world.clock.advance(Duration.ofMinutes(30));
        for (int i = 0; i < 3; i++) {
            TooManyCodes refused = catchThrowableOfType(TooManyCodes.class,
                    () -> login.start("+16505550101", "Smith", IP));
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(30 - i));
            world.clock.advance(Duration.ofMinutes(1));
        }
        world.clock.advance(Duration.ofMinutes(27));
        for (int i = 0; i < 3; i++) {
            login.start("+16505550101", "Smith", IP);
            world.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(world.sms.sent()).as("refusals by the cap spent nothing of the pair's budget").hasSize(3);
    }

    @Test
    void unknownPhonesAreCountedExactlyLikeKnownOnes() {
        for (int i = 0; i < 3; i++) {
            login.start("+16505550177", "Nobody", IP);
            world.clock.advance(Duration.ofMinutes(1));
        }
        TooManyCodes refused = catchThrowableOfType(TooManyCodes.class, () -> login.start("+16505550177", "Nobody", IP));
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(57));
    }

    @Test
    void loginStartsPerClientAddressAreLimited() {
        for (int i = 0; i < 10; i++) {
            login.start("+1650555" + (1000 + i), "Anyone", IP);
        }
        assertThatThrownBy(() -> login.start("+16505552000", "Anyone", IP)).isInstanceOf(TooManyCodes.class);
        login.start("+16505552000", "Anyone", "203.0.113.9");
    }

    @Test
    void theRightCodeCreatesALoginSession() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        SecretToken session = login.verify(started.pendingLogin(), world.lastCodeTo(ana()), Optional.empty());
        assertThat(world.auth.authenticate(session).id()).isEqualTo(ana().id());
        assertThat(world.challenges.find(started.pendingLogin().digest())).isEmpty();
    }

    @Test
    void aWrongCodeVoidsTheLogin() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        String right = world.lastCodeTo(ana());
        String wrong = right.equals("000000") ? "000001" : "000000";
        InvalidCode failure = catchThrowableOfType(InvalidCode.class,
                () -> login.verify(started.pendingLogin(), wrong, Optional.empty()));
        assertThat(failure.code()).isEqualTo("invalid_code");
        assertThatThrownBy(() -> login.verify(started.pendingLogin(), right, Optional.empty()))
                .isInstanceOf(InvalidCode.class);
    }

    @Test
    void guessingIsBoundedAtThreeTriesPerPhonePerHour() {
        int guesses = 0;
        for (int i = 0; i < 10; i++) {
            try {
                LoginStarted started = login.start("+16505550101", "Smith", "203.0.113." + i);
                guesses++;
                assertThatThrownBy(() -> login.verify(started.pendingLogin(), "999999", Optional.empty()))
                        .isInstanceOf(InvalidCode.class);
            } catch (TooManyCodes expected) {
                // the budget is spent
            }
            world.clock.advance(Duration.ofMinutes(2));
        }
        assertThat(guesses).isEqualTo(3);
    }

    /** Issue 22: a typo cost the whole login, and the start-over was refused for 60 s as a "resend". */
    @Test
    void aWrongCodeSaysHowManyCodesAreLeftAndStartingOverSkipsTheSixtySecondWait() {
        for (int left = 2; left >= 0; left--) {
            LoginStarted started = login.start("+16505550101", "Smith", IP);
            InvalidCode wrong = catchThrowableOfType(InvalidCode.class,
                    () -> login.verify(started.pendingLogin(), "999999", Optional.empty()));
            assertThat(wrong.codesLeft()).as("codes left this hour").hasValue(left);
        }
        assertThat(world.sms.sent()).as("three codes sent at once, none held to the 60 s gap").hasSize(3);
        TooManyCodes spent = catchThrowableOfType(TooManyCodes.class, () -> login.start("+16505550101", "Smith", IP));
        assertThat(spent.retryAfter()).as("the hourly budget still bounds guessing").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aStartAfterARightOrUntriedCodeStillWaitsSixtySeconds() {
        LoginStarted first = login.start("+16505550101", "Smith", IP);
        login.verify(first.pendingLogin(), world.lastCodeTo(ana()), Optional.empty());
        assertThatThrownBy(() -> login.start("+16505550101", "Smith", IP)).isInstanceOf(TooManyCodes.class);
    }

    @Test
    void aWrongCodeForAPairThatMatchesNobodyIsAnsweredAlike() {
        LoginStarted known = login.start("+16505550101", "Smith", IP);
        LoginStarted stranger = login.start("+16505550101", "Smyth", IP);
        InvalidCode toKnown = catchThrowableOfType(InvalidCode.class,
                () -> login.verify(known.pendingLogin(), "999999", Optional.empty()));
        InvalidCode toStranger = catchThrowableOfType(InvalidCode.class,
                () -> login.verify(stranger.pendingLogin(), "999999", Optional.empty()));
        assertThat(toStranger.getMessage()).isEqualTo(toKnown.getMessage());
        assertThat(toStranger.codesLeft()).isEqualTo(toKnown.codesLeft()).hasValue(2);
        login.start("+16505550101", "Smyth", IP);
    }

    @Test
    void theAnswerToAStartShowsTheNumberTypedWithAllButItsLastFourDigitsHidden() {
        assertThat(login.start("+1 (650) 555-0101", "Smith", IP).sentTo()).isEqualTo("•••• •• 0101");
        assertThat(login.start("+1 650 555 0177", "Nobody", IP).sentTo()).isEqualTo("•••• •• 0177");
        LoginStarted started = login.start("+44 20 7946 0958", "Nobody", IP);
        world.clock.advance(Duration.ofMinutes(1));
        assertThat(login.resend(started.pendingLogin()).sentTo()).isEqualTo("•••• •• 0958");
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        world.clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> login.verify(started.pendingLogin(), world.lastCodeTo(ana()), Optional.empty()))
                .isInstanceOf(InvalidCode.class).hasMessageContaining("expired");
    }

    @Test
    void aResentCodeReplacesTheFirst() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        String first = world.lastCodeTo(ana());
        world.clock.advance(Duration.ofMinutes(1));
        login.resend(started.pendingLogin());
        String second = world.lastCodeTo(ana());
        if (!first.equals(second)) {
            assertThatThrownBy(() -> login.verify(started.pendingLogin(), first, Optional.empty()))
                    .isInstanceOf(InvalidCode.class);
        } else {
            assertThat(login.verify(started.pendingLogin(), second, Optional.empty())).isNotNull();
        }
    }

    @Test
    void theResentCodeLogsIn() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        world.clock.advance(Duration.ofMinutes(1));
        login.resend(started.pendingLogin());
        assertThat(login.verify(started.pendingLogin(), world.lastCodeTo(ana()), Optional.empty())).isNotNull();
    }

    @Test
    void codesAreStoredOnlyAsAKeyedHash() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        OtpChallenge stored = world.challenges.find(started.pendingLogin().digest()).orElseThrow();
        String code = world.lastCodeTo(ana());
        assertThat(stored.codeHash()).hasSize(64).doesNotContain(code);
        OtpHasher otherKey = new OtpHasher(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
            19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        assertThat(otherKey.hash(stored.key(), new OtpCode(code))).isNotEqualTo(stored.codeHash());
    }

    @Test
    void aPendingLoginOfAnUnknownPhoneNeverLogsIn() {
        LoginStarted started = login.start("+16505550177", "Nobody", IP);
        for (int code = 0; code < 3; code++) {
            String guess = String.format("%06d", code);
            assertThatThrownBy(() -> login.verify(started.pendingLogin(), guess, Optional.empty()))
                    .isInstanceOf(InvalidCode.class);
        }
    }

    @Test
    void loggingInRotatesTheBrowsersPreviousSession() {
        SecretToken old = world.logIn(ana());
        world.clock.advance(Duration.ofMinutes(2));
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        SecretToken fresh = login.verify(started.pendingLogin(), world.lastCodeTo(ana()), Optional.of(old));
        assertThat(fresh).isNotEqualTo(old);
        assertThatThrownBy(() -> world.auth.authenticate(old)).isInstanceOf(Unauthenticated.class);
        assertThat(world.auth.authenticate(fresh).id()).isEqualTo(ana().id());
    }

    @Test
    void resendWithoutAPendingLoginAsksToStartOver() {
        SecretToken unknown = SecretToken.generate(world.randomness);
        assertThatThrownBy(() -> login.resend(unknown)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void badInputNamesTheField() {
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> login.start("call me", "Smith", IP)).field())
                .isEqualTo("phone");
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> login.start("+16505550101", "  ", IP)).field())
                .isEqualTo("identifier");
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        assertThat(catchThrowableOfType(ValidationFailed.class,
                () -> login.verify(started.pendingLogin(), "12ab56", Optional.empty())).field()).isEqualTo("code");
    }

    @Test
    void housekeepingForgetsEveryAttemptOnceNoLimitCanCountIt() {
        for (int i = 0; i < 5; i++) {
            login.start("+1650555020" + i, "Nobody", "203.0.113." + i);
        }
        assertThat(world.rateLimits.keys()).as("per address, per phone and identifier (hour, gap), per phone")
                .isEqualTo(20);
        world.clock.advance(Duration.ofMinutes(59));
        login.forgetOldAttempts();
        assertThat(world.rateLimits.keys()).as("still counted by the hourly limits").isEqualTo(20);
        world.clock.advance(Duration.ofMinutes(1));
        login.forgetOldAttempts();
        assertThat(world.rateLimits.keys()).isZero();
    }

    @Test
    void aSessionStoreFailureLeavesTheCodeUsableForTheRetry() {
        FailingAuthSessionStore store = new FailingAuthSessionStore(world.authStore).failNextPut();
        org.therapychat.core.auth.AuthSessions auth = new org.therapychat.core.auth.AuthSessions(store, world.users,
                world.clock, world.randomness, world.settings);
        LoginService failingOnce = new LoginService(world.users, new StrictPhoneNumberParser(), world.challenges,
                world.rateLimits, world.sms, new OtpHasher(new byte[32]), OtpText.standard(), auth, world.clock,
                world.randomness, world.settings);
        LoginStarted started = failingOnce.start("+16505550101", "Smith", IP);
        String code = world.lastCodeTo(ana());
        assertThatThrownBy(() -> failingOnce.verify(started.pendingLogin(), code, Optional.empty()))
                .isInstanceOf(org.therapychat.core.common.DomainException.PortFailure.class);
        SecretToken session = failingOnce.verify(started.pendingLogin(), code, Optional.empty());
        assertThat(auth.authenticate(session).id()).isEqualTo(ana().id());
        assertThatThrownBy(() -> failingOnce.verify(started.pendingLogin(), code, Optional.empty()))
                .as("still used once only").isInstanceOf(InvalidCode.class);
    }

    @Test
    void ofTwoRacingVerificationsOfOneCodeOnlyOneHoldsASession() {
        LoginStarted started = login.start("+16505550101", "Smith", IP);
        String code = world.lastCodeTo(ana());
        // The other verification removes the challenge between this one's session write and its consume.
        org.therapychat.core.auth.AuthSessionStore racing = new FailingAuthSessionStore(world.authStore) {
            @Override
            public void put(org.therapychat.core.auth.AuthSession s) {
                world.authStore.put(s);
                world.challenges.remove(started.pendingLogin().digest());
            }
        };
        org.therapychat.core.auth.AuthSessions auth = new org.therapychat.core.auth.AuthSessions(racing, world.users,
                world.clock, world.randomness, world.settings);
        LoginService loser = new LoginService(world.users, new StrictPhoneNumberParser(), world.challenges,
                world.rateLimits, world.sms, new OtpHasher(new byte[32]), OtpText.standard(), auth, world.clock,
                world.randomness, world.settings);
        int before = world.authStore.size();
        assertThatThrownBy(() -> loser.verify(started.pendingLogin(), code, Optional.empty()))
                .isInstanceOf(InvalidCode.class);
        assertThat(world.authStore.size()).as("the loser's session is gone again").isEqualTo(before);
    }

    private LoginService sendingTo(CodeSender codes) {
        return new LoginService(world.users, new StrictPhoneNumberParser(), world.challenges, world.rateLimits, codes,
                new OtpHasher(new byte[32]), OtpText.standard(), world.auth, world.clock, world.randomness, world.settings);
    }

    @Test
    void aCodeNotSentAndNeverTriedIsVoidedAndGivesBackItsCharge() {
        java.util.List<OutgoingCode> handedOver = new java.util.ArrayList<>();
        LoginService queued = sendingTo(handedOver::add);
        LoginStarted started = queued.start("+16505550101", "Smith", IP);
        world.clock.advance(Duration.ofMinutes(1));
        queued.resend(started.pendingLogin());
        assertThat(handedOver.get(0).stillWanted().getAsBoolean()).as("superseded by the resend").isFalse();
        assertThat(handedOver.get(1).stillWanted().getAsBoolean()).isTrue();
        assertThat(handedOver.get(1).sendBy()).isEqualTo(world.now().plus(Duration.ofMinutes(5)));
        world.clock.advance(Duration.ofMinutes(1));
        LoginStarted third = queued.start("+16505550101", "Smith", IP);
        world.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> queued.start("+16505550101", "Smith", IP)).isInstanceOf(TooManyCodes.class);
        handedOver.get(0).giveBack().run();
        assertThatThrownBy(() -> queued.start("+16505550101", "Smith", IP))
                .as("a code replaced by a resend keeps its charge").isInstanceOf(TooManyCodes.class);

        handedOver.get(2).giveBack().run();
        assertThatThrownBy(() -> queued.verify(third.pendingLogin(), "123456", Optional.empty()))
                .as("the code given up is void").isInstanceOf(InvalidCode.class).hasMessageContaining("expired");
        queued.start("+16505550101", "Smith", IP);
        assertThat(handedOver).hasSize(4);
    }

    @Test
    void aCodeNotSentAndNeverTriedGivesBackItsPlaceInThePhonesCapToo() {
        World capped = new World(world.settings.withOtpMaxSendsPerPhonePerHour(1));
        java.util.List<OutgoingCode> handedOver = new java.util.ArrayList<>();
        LoginService queued = new LoginService(capped.users, new StrictPhoneNumberParser(), capped.challenges,
                capped.rateLimits, (CodeSender) handedOver::add, new OtpHasher(new byte[32]), OtpText.standard(), capped.auth,
                capped.clock, capped.randomness, capped.settings);
        capped.users.put(ana());
        queued.start("+16505550101", "Smith", IP);
        assertThatThrownBy(() -> queued.start("+16505550101", "Smyth", IP)).isInstanceOf(TooManyCodes.class);
        handedOver.get(0).giveBack().run();
        queued.start("+16505550101", "Smyth", IP);
    }

    /** Issue 21: a wrong guess voided the login, the stalled code then found it gone and was refunded. */
    @Test
    void guessesStayAtThreePerPhonePerHourHoweverTheSmsProviderFails() {
        java.util.List<OutgoingCode> stalled = new java.util.ArrayList<>();
        LoginService attacked = sendingTo(stalled::add);
        int guesses = 0;
        for (int minute = 0; minute < 120; minute++) {
            try {
                LoginStarted started = attacked.start("+16505550101", "Smith", IP + minute);
                assertThatThrownBy(() -> attacked.verify(started.pendingLogin(), "000000", Optional.empty()))
                        .isInstanceOf(InvalidCode.class);
                guesses++;
            } catch (TooManyCodes refused) {
                // the bound
            }
            // the provider never sends: each code waits past its send-by time and is given up
            stalled.forEach(code -> code.giveBack().run());
            stalled.clear();
            world.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(guesses).as("guesses in two hours").isEqualTo(6);
    }
}
