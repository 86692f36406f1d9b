package org.therapychat.core.login;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.InvalidCode;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.TooManyCodes;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.Randomness;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.UserId;

/**
 * Phone + identifier + SMS code → a login session (SPEC §1). Unknown phones walk the same path
 * as known ones — a challenge is stored and the limits are charged — and only the SMS is
 * skipped, so neither the answer nor the limits tell whether anybody matched.
 */
public final class LoginService {
    private static final Duration HOUR = Duration.ofHours(1);

    private final UserDirectory users;
    private final PhoneNumberParser phones;
    private final OtpChallenges challenges;
    private final RateLimits rateLimits;
    private final CodeSender codes;
    private final OtpHasher hasher;
    private final OtpText text;
    private final AuthSessions sessions;
    private final Clock clock;
    private final Randomness randomness;
    private final Settings settings;
    private final RateRule perPair;
    private final RateRule perPairGap;
    private final RateRule perPhone;
    private final RateRule perClient;
    private final LoginCounts counts = new LoginCounts();
    private final Audit audit;

    /**
     * Sends codes on the caller's thread: for embedders and tests (see {@link CodeSender#direct}).
     * Nothing is audited.
     *
     * @param users finds the user behind phone + identifier
     * @param phones normalises the typed phone to E.164
     * @param challenges stores the pending logins
     * @param rateLimits counts codes per (phone, identifier) and per phone, and starts per client address
     * @param sms sends each code at once
     * @param hasher keys the stored code hashes
     * @param text renders the SMS
     * @param sessions creates the login session once a code is proved
     * @param clock the time of limits and expiry
     * @param randomness makes codes and pre-auth tokens; must be cryptographic in production
     * @param settings the resend interval, the per-hour limits and the code lifetime
     */
    public LoginService(UserDirectory users, PhoneNumberParser phones, OtpChallenges challenges,
                        RateLimits rateLimits, SmsSender sms, OtpHasher hasher, OtpText text,
                        AuthSessions sessions, Clock clock, Randomness randomness, Settings settings) {
        this(users, phones, challenges, rateLimits, CodeSender.direct(sms), hasher, text, sessions, clock, randomness,
                settings, Audit.off());
    }

    /**
     * Hands codes to {@code codes}; nothing is audited.
     *
     * @param users finds the user behind phone + identifier
     * @param phones normalises the typed phone to E.164
     * @param challenges stores the pending logins
     * @param rateLimits counts codes per (phone, identifier) and per phone, and starts per client address
     * @param codes takes each code for delivery, e.g. a {@link BackgroundSmsSender}
     * @param hasher keys the stored code hashes
     * @param text renders the SMS
     * @param sessions creates the login session once a code is proved
     * @param clock the time of limits and expiry
     * @param randomness makes codes and pre-auth tokens; must be cryptographic in production
     * @param settings the resend interval, the per-hour limits and the code lifetime
     */
    public LoginService(UserDirectory users, PhoneNumberParser phones, OtpChallenges challenges,
                        RateLimits rateLimits, CodeSender codes, OtpHasher hasher, OtpText text,
                        AuthSessions sessions, Clock clock, Randomness randomness, Settings settings) {
        this(users, phones, challenges, rateLimits, codes, hasher, text, sessions, clock, randomness, settings, Audit.off());
    }

    /**
     * With staff logins (and staff codes that were wrong) recorded in {@code audit}.
     *
     * @param users finds the user behind phone + identifier
     * @param phones normalises the typed phone to E.164
     * @param challenges stores the pending logins
     * @param rateLimits counts codes per (phone, identifier) and per phone, and starts per client address
     * @param codes takes each code for delivery, e.g. a {@link BackgroundSmsSender}
     * @param hasher keys the stored code hashes
     * @param text renders the SMS
     * @param sessions creates the login session once a code is proved
     * @param clock the time of limits and expiry
     * @param randomness makes codes and pre-auth tokens; must be cryptographic in production
     * @param settings the resend interval, the per-hour limits and the code lifetime
     * @param audit records staff logins
     */
    public LoginService(UserDirectory users, PhoneNumberParser phones, OtpChallenges challenges,
                        RateLimits rateLimits, CodeSender codes, OtpHasher hasher, OtpText text,
                        AuthSessions sessions, Clock clock, Randomness randomness, Settings settings, Audit audit) {
        this.audit = audit;
        this.users = users;
        this.phones = phones;
        this.challenges = challenges;
        this.rateLimits = rateLimits;
        this.codes = codes;
        this.hasher = hasher;
        this.text = text;
        this.sessions = sessions;
        this.clock = clock;
        this.randomness = randomness;
        this.settings = settings;
        this.perPair = new RateRule("otp-pair", settings.otpMaxSendsPerHour(), HOUR, Duration.ZERO);
        // the resend interval apart from the hourly budget, so a wrong code can lift the one and not the other
        this.perPairGap = new RateRule("otp-gap", 1, settings.otpResendInterval(), Duration.ZERO);
        this.perPhone = new RateRule("otp-phone", settings.otpMaxSendsPerPhonePerHour(), HOUR, Duration.ZERO);
        this.perClient = new RateRule("login-ip", settings.loginStartsPerIpPerHour(), HOUR, Duration.ZERO);
    }

    /**
     * Step 1: send a code if phone and identifier match an enabled user; answer the same either way
     * (a pending login is created and the limits are charged for a stranger too).
     *
     * @param typedPhone the phone as typed
     * @param typedIdentifier the identifying field as typed (last name by default)
     * @param clientAddress the client's IP address, for the per-address limit against SMS pumping
     * @return the pre-auth token and when a resend is allowed
     * @throws ValidationFailed {@code phone} or {@code identifier} when malformed
     * @throws TooManyCodes when the client address, the phone with this identifier or the phone over all
     *     identifiers reached its limit (nothing is sent)
     */
    public LoginStarted start(String typedPhone, String typedIdentifier, String clientAddress) {
        PhoneNumber phone = phones.parse(typedPhone);
        Identifier identifier = parseIdentifier(typedIdentifier);
        Objects.requireNonNull(clientAddress, "clientAddress");
        Instant now = clock.now();
        chargeAll(now, new Charge("ip:" + clientAddress, perClient));
        String budget = hasher.budgetKey(phone, identifier);
        chargeForCode(budget, phone, now);

        Optional<UserId> user = users.findByPhone(phone).stream()
                .filter(u -> u.identifier().matches(identifier))
                // A disabled user is answered like a stranger: the same 202, and no SMS.
                .filter(u -> !u.disabled())
                .map(User::id)
                .findFirst();
        SecretToken pendingLogin = SecretToken.generate(randomness);
        issueCode(pendingLogin.digest(), phone, budget, user, now);
        counts.countStarted();
        return new LoginStarted(pendingLogin, settings.otpResendInterval(), phone.maskedForDisplay());
    }

    /**
     * "Did not receive the message?": a fresh code for the same pending login, under the same
     * limits as a start. The earlier code stops working.
     *
     * @param pendingLogin the pre-auth token from the cookie
     * @return the same pre-auth token and when the next resend is allowed
     * @throws Unauthenticated when the pending login expired, was voided or never was
     * @throws TooManyCodes when the phone with this identifier, or the phone, reached its limit
     */
    public LoginStarted resend(SecretToken pendingLogin) {
        Instant now = clock.now();
        OtpChallenge challenge = challenges.find(pendingLogin.digest())
                .filter(c -> !c.isExpiredAt(now))
                .orElseThrow(() -> {
                    counts.countRefused(LoginCounts.Refusal.LOGIN_EXPIRED);
                    return new Unauthenticated("This login has expired. Please start again.");
                });
        chargeForCode(challenge.budgetKey(), challenge.phone(), now);
        issueCode(challenge.key(), challenge.phone(), challenge.budgetKey(), challenge.user().filter(this::isEnabled),
                now);
        counts.countStarted();
        return new LoginStarted(pendingLogin, settings.otpResendInterval(), challenge.phone().maskedForDisplay());
    }

    /**
     * Step 3: the code. Right → a new login session (the browser's previous one, if any, is
     * destroyed). Wrong, expired or unknown → the pending login is void and the user starts over;
     * the refusal says how many codes the (phone, identifier) has left this hour, alike whether or
     * not the pair matched. Starting over after a wrong code is no resend: it skips the 60 s wait,
     * and the hourly budget still bounds the guesses.
     * A right code is used up only once its session is stored: a store that fails leaves the code
     * for the retry, and of two verifications racing on one code only the one that consumes it
     * keeps its session.
     *
     * @param pendingLogin the pre-auth token from the cookie
     * @param typedCode the 6 digits as typed (surrounding spaces ignored)
     * @param previousSession the login session token the browser still holds, if any
     * @return the new login session's token, for the session cookie
     * @throws ValidationFailed {@code code} when it is not 6 digits (the pending login stays)
     * @throws InvalidCode when the code is wrong or expired, the login is unknown, or the user is
     *     disabled (the pending login is void)
     */
    public SecretToken verify(SecretToken pendingLogin, String typedCode, Optional<SecretToken> previousSession) {
        try {
            SecretToken session = verifyCode(pendingLogin, typedCode, previousSession);
            counts.countVerified();
            return session;
        } catch (InvalidCode e) {
            counts.countRefused(LoginCounts.Refusal.INVALID_CODE);
            throw e;
        }
    }

    /**
     * What happened to logins so far (for metrics).
     *
     * @return the live counters of this service
     */
    public LoginCounts counts() {
        return counts;
    }

    private SecretToken verifyCode(SecretToken pendingLogin, String typedCode, Optional<SecretToken> previousSession) {
        OtpCode code = parseCode(typedCode);
        Instant now = clock.now();
        String key = pendingLogin.digest();
        OtpChallenge challenge = challenges.find(key)
                .orElseThrow(() -> new InvalidCode("This login has expired. Please start again."));
        boolean codeMatches = hasher.matches(key, code, challenge.codeHash());
        if (challenge.isExpiredAt(now)) {
            challenges.remove(key);
            throw new InvalidCode("This code has expired. Please start again.", codesLeft(challenge, now));
        }
        // A user disabled since the code was sent is answered as a wrong code: no session.
        if (!codeMatches || challenge.user().filter(this::isEnabled).isEmpty()) {
            boolean voidedHere = challenges.remove(key);
            auditStaffLogin(challenge.user(), "invalid_code");
            if (!voidedHere) {
                // Voided meanwhile (its SMS given up, a racing verification): answered as the right
                // code is in that case, so a guess that raced the void learns nothing.
                throw new InvalidCode("This login has expired. Please start again.", codesLeft(challenge, now));
            }
            // The 60 s wait guards "did not receive it" resends, not a start-over after a typo.
            rateLimits.refund(challenge.budgetKey(), perPairGap, challenge.issuedAt());
            throw new InvalidCode("That code is not right. Please start again.", codesLeft(challenge, now));
        }
        SecretToken session = sessions.create(challenge.user().get(), previousSession);
        if (!challenges.remove(key)) {
            sessions.logout(session);
            throw new InvalidCode("This login has expired. Please start again.", codesLeft(challenge, now));
        }
        auditStaffLogin(challenge.user(), "ok");
        return session;
    }

    private OptionalInt codesLeft(OtpChallenge challenge, Instant now) {
        return OptionalInt.of(Math.max(0, perPair.maxEvents() - rateLimits.count(challenge.budgetKey(), perPair, now)));
    }

    private boolean isEnabled(UserId user) {
        return users.findById(user).filter(u -> !u.disabled()).isPresent();
    }

    /** Every login of a staff user is audited (SPEC §4), and so is a wrong code for one. */
    private void auditStaffLogin(Optional<UserId> user, String outcome) {
        user.flatMap(users::findById).filter(User::isStaff)
                .ifPresent(u -> audit.record(Actor.user(u.id()), "staff.login", u.id().value(), outcome));
    }

    /**
     * Housekeeping: forgets the attempts that no login limit can count any more.
     *
     * @return how many recorded attempts were forgotten
     */
    public int forgetOldAttempts() {
        Duration reach = Duration.ZERO;
        for (RateRule rule : new RateRule[] {perPair, perPairGap, perPhone, perClient}) {
            reach = reach.compareTo(reach(rule)) >= 0 ? reach : reach(rule);
        }
        return rateLimits.removeOlderThan(clock.now().minus(reach));
    }

    private static Duration reach(RateRule rule) {
        return rule.window().plus(rule.minGap());
    }

    /**
     * Stores the challenge, then hands the code over for sending. A code still queued after half
     * its lifetime is not worth sending any more. One not sent gives back this send's charges to the
     * pair's and the phone's budgets only if it is voided untried, still the login's code: a code that anyone
     * verified against (the challenge is gone) or that a newer one replaced keeps its charge, so the
     * bound on guesses holds however slow or broken the SMS provider is. The per-address charge
     * always stands: it guards against SMS pumping.
     */
    private void issueCode(String key, PhoneNumber phone, String budget, Optional<UserId> user, Instant now) {
        OtpCode code = OtpCode.random(randomness);
        String hash = hasher.hash(key, code);
        Duration lifetime = settings.otpLifetime();
        challenges.put(new OtpChallenge(key, phone, user, hash, now, now.plus(lifetime), budget));
        if (user.isPresent()) {
            codes.send(new OutgoingCode(phone, text.render(code, lifetime), now.plus(lifetime.dividedBy(2)),
                    () -> stillPending(key, hash), () -> giveBackIfUntried(key, hash, budget, phone, now)));
        }
    }

    private void giveBackIfUntried(String key, String hash, String budget, PhoneNumber phone, Instant chargedAt) {
        if (challenges.removeIfCode(key, hash)) {
            codeCharges(budget, phone).forEach(c -> rateLimits.refund(c.key(), c.rule(), chargedAt));
        }
    }

    /**
     * Whether this code is still the login's current one. When the store cannot tell, the code is
     * sent: a superseded code costs one SMS, a wanted one dropped locks the user out for a while.
     */
    private boolean stillPending(String key, String hash) {
        try {
            return challenges.find(key).map(c -> c.codeHash().equals(hash)).orElse(false);
        } catch (PortFailure e) {
            return true;
        }
    }

    /**
     * What one code costs: a place in the (phone, identifier) budget, which bounds the guesses at a
     * login and which a stranger typing another name cannot spend; the pair's resend interval; and a
     * place in the phone's higher cap over every identifier, against SMS pumping. The hourly budget
     * comes first: once a rule allows a code, it still does after any later rule's wait, so the
     * wait told is the one that counts.
     */
    private List<Charge> codeCharges(String budget, PhoneNumber phone) {
        return List.of(new Charge(budget, perPair), new Charge(budget, perPairGap),
                new Charge("phone:" + phone.e164(), perPhone));
    }

    private void chargeForCode(String budget, PhoneNumber phone, Instant now) {
        chargeAll(now, codeCharges(budget, phone).toArray(Charge[]::new));
    }

    /** All or nothing: a refusal gives back the charges made before it, so a refused attempt costs nothing. */
    private void chargeAll(Instant now, Charge... charges) {
        for (int i = 0; i < charges.length; i++) {
            Optional<Duration> wait = rateLimits.tryAcquire(charges[i].key(), charges[i].rule(), now);
            if (wait.isPresent()) {
                for (int j = 0; j < i; j++) {
                    rateLimits.refund(charges[j].key(), charges[j].rule(), now);
                }
                counts.countRefused(LoginCounts.Refusal.TOO_MANY_CODES);
                throw new TooManyCodes(wait.get());
            }
        }
    }

    /** One event counted under a rule. */
    private record Charge(String key, RateRule rule) {
    }

    private static Identifier parseIdentifier(String typed) {
        try {
            return new Identifier(typed == null ? "" : typed);
        } catch (IllegalArgumentException e) {
            throw new ValidationFailed("identifier", e.getMessage());
        }
    }

    private static OtpCode parseCode(String typed) {
        try {
            return new OtpCode(typed == null ? "" : typed.strip());
        } catch (IllegalArgumentException e) {
            throw new ValidationFailed("code", "code must be the 6 digits from the SMS");
        }
    }
}
