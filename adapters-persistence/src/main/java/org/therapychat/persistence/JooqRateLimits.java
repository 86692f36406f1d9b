package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.RATE_EVENTS;
import static org.therapychat.persistence.jooq.Tables.RATE_KEYS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.login.RateLimits;
import org.therapychat.core.login.RateRule;

/**
 * Judges each attempt while holding a row lock on its (rule, key), so two app instances never
 * both let the last allowed attempt through. Housekeeping may delete a key row between its
 * insert and its lock; the attempt then inserts it again, so it never runs without the lock.
 */
public final class JooqRateLimits implements RateLimits {
    private static final int LOCK_ATTEMPTS = 5;
    private final Database db;

    public JooqRateLimits(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Duration> tryAcquire(String key, RateRule rule, Instant now) {
        return underKeyLock(key, rule, dsl -> {
            Instant horizon = now.minus(rule.window()).minus(rule.minGap());
            dsl.deleteFrom(RATE_EVENTS).where(RATE_EVENTS.RULE_NAME.eq(rule.name()), RATE_EVENTS.RATE_KEY.eq(key),
                    RATE_EVENTS.OCCURRED_AT.le(horizon)).execute();
            List<Instant> earlier = dsl.select(RATE_EVENTS.OCCURRED_AT).from(RATE_EVENTS)
                    .where(RATE_EVENTS.RULE_NAME.eq(rule.name()), RATE_EVENTS.RATE_KEY.eq(key))
                    .fetch(RATE_EVENTS.OCCURRED_AT);
            Optional<Duration> wait = rule.waitTime(earlier, now);
            if (wait.isEmpty()) {
                insertEvent(dsl, key, rule, now);
            }
            return wait;
        });
    }

    @Override
    public int count(String key, RateRule rule, Instant now) {
        return db.read(dsl -> dsl.fetchCount(RATE_EVENTS, RATE_EVENTS.RULE_NAME.eq(rule.name()),
                RATE_EVENTS.RATE_KEY.eq(key), RATE_EVENTS.OCCURRED_AT.gt(now.minus(rule.window()))));
    }

    /** Deletes every event at that instant and puts back all but one: portable "DELETE … LIMIT 1". */
    @Override
    public void refund(String key, RateRule rule, Instant at) {
        underKeyLock(key, rule, dsl -> {
            int atThatInstant = dsl.deleteFrom(RATE_EVENTS).where(RATE_EVENTS.RULE_NAME.eq(rule.name()),
                    RATE_EVENTS.RATE_KEY.eq(key), RATE_EVENTS.OCCURRED_AT.eq(at)).execute();
            for (int i = 1; i < atThatInstant; i++) {
                insertEvent(dsl, key, rule, at);
            }
            return Optional.<Duration>empty();
        });
    }

    @Override
    public int removeOlderThan(Instant cutoff) {
        return db.transaction(dsl -> {
            int events = dsl.deleteFrom(RATE_EVENTS).where(RATE_EVENTS.OCCURRED_AT.le(cutoff)).execute();
            var e = RATE_EVENTS.as("e");
            dsl.deleteFrom(RATE_KEYS).whereNotExists(DSL.selectOne().from(e)
                    .where(e.RULE_NAME.eq(RATE_KEYS.RULE_NAME), e.RATE_KEY.eq(RATE_KEYS.RATE_KEY))).execute();
            return events;
        });
    }

    private Optional<Duration> underKeyLock(String key, RateRule rule, Function<DSLContext, Optional<Duration>> work) {
        for (int attempt = 1; ; attempt++) {
            db.insertUnlessPresent(dsl -> dsl.insertInto(RATE_KEYS).set(RATE_KEYS.RULE_NAME, rule.name())
                    .set(RATE_KEYS.RATE_KEY, key).onDuplicateKeyIgnore().execute());
            Optional<Optional<Duration>> done = db.transaction(dsl -> {
                boolean locked = !dsl.selectFrom(RATE_KEYS)
                        .where(RATE_KEYS.RULE_NAME.eq(rule.name()), RATE_KEYS.RATE_KEY.eq(key)).forUpdate().fetch().isEmpty();
                return locked ? Optional.of(work.apply(dsl)) : Optional.empty();
            });
            if (done.isPresent()) {
                return done.get();
            }
            if (attempt >= LOCK_ATTEMPTS) {
                throw new PortFailure("The database is busy.", null);
            }
        }
    }

    private static void insertEvent(DSLContext dsl, String key, RateRule rule, Instant at) {
        dsl.insertInto(RATE_EVENTS).set(RATE_EVENTS.RULE_NAME, rule.name()).set(RATE_EVENTS.RATE_KEY, key)
                .set(RATE_EVENTS.OCCURRED_AT, at).execute();
    }
}
