package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.OTP_CHALLENGES;

import java.time.Instant;
import java.util.Optional;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.OtpChallenge;
import org.therapychat.core.login.OtpChallenges;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.persistence.jooq.tables.records.OtpChallengesRecord;

public final class JooqOtpChallenges implements OtpChallenges {
    private final Database db;

    public JooqOtpChallenges(Database db) {
        this.db = db;
    }

    @Override
    public void put(OtpChallenge c) {
        String user = c.user().map(UserId::value).orElse(null);
        db.run(dsl -> dsl.insertInto(OTP_CHALLENGES)
                .set(OTP_CHALLENGES.CHALLENGE_KEY, c.key())
                .set(OTP_CHALLENGES.PHONE, c.phone().e164())
                .set(OTP_CHALLENGES.USER_ID, user)
                .set(OTP_CHALLENGES.CODE_HASH, c.codeHash())
                .set(OTP_CHALLENGES.ISSUED_AT, c.issuedAt())
                .set(OTP_CHALLENGES.EXPIRES_AT, c.expiresAt())
                .set(OTP_CHALLENGES.BUDGET_KEY, c.budgetKey())
                .onDuplicateKeyUpdate()
                .set(OTP_CHALLENGES.PHONE, c.phone().e164())
                .set(OTP_CHALLENGES.USER_ID, user)
                .set(OTP_CHALLENGES.CODE_HASH, c.codeHash())
                .set(OTP_CHALLENGES.ISSUED_AT, c.issuedAt())
                .set(OTP_CHALLENGES.EXPIRES_AT, c.expiresAt())
                .set(OTP_CHALLENGES.BUDGET_KEY, c.budgetKey())
                .execute());
    }

    @Override
    public Optional<OtpChallenge> find(String key) {
        return db.read(dsl -> dsl.selectFrom(OTP_CHALLENGES).where(OTP_CHALLENGES.CHALLENGE_KEY.eq(key))
                .fetchOptional(JooqOtpChallenges::challenge));
    }

    @Override
    public boolean remove(String key) {
        return db.transaction(dsl -> dsl.deleteFrom(OTP_CHALLENGES).where(OTP_CHALLENGES.CHALLENGE_KEY.eq(key)).execute()) > 0;
    }

    @Override
    public boolean removeIfCode(String key, String codeHash) {
        return db.transaction(dsl -> dsl.deleteFrom(OTP_CHALLENGES).where(OTP_CHALLENGES.CHALLENGE_KEY.eq(key))
                .and(OTP_CHALLENGES.CODE_HASH.eq(codeHash)).execute()) > 0;
    }

    @Override
    public int removeExpired(Instant now) {
        return db.transaction(dsl -> dsl.deleteFrom(OTP_CHALLENGES).where(OTP_CHALLENGES.EXPIRES_AT.le(now)).execute());
    }

    private static OtpChallenge challenge(OtpChallengesRecord r) {
        return new OtpChallenge(r.getChallengeKey(), new PhoneNumber(r.getPhone()),
                Optional.ofNullable(r.getUserId()).map(UserId::of), r.getCodeHash(), r.getIssuedAt(), r.getExpiresAt(),
                r.getBudgetKey());
    }
}
