package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.RATE_EVENTS;
import static org.therapychat.persistence.jooq.Tables.RATE_KEYS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.therapychat.core.login.RateLimits;
import org.therapychat.core.login.RateRule;

/**
 * Judges each attempt while holding a row lock on its (rule, key), so two app instances never
 * both let the last allowed attempt through.
 */
public final class JooqRateLimits implements RateLimits {
    private final Database db;

    public JooqRateLimits(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Duration> tryAcquire(String key, RateRule rule, Instant now) {
        db.insertUnlessPresent(dsl -> dsl.insertInto(RATE_KEYS).set(RATE_KEYS.RULE_NAME, rule.name()).set(RATE_KEYS.RATE_KEY, key)
                .onDuplicateKeyIgnore().execute());
        return db.transaction(dsl -> {
            dsl.selectFrom(RATE_KEYS).where(RATE_KEYS.RULE_NAME.eq(rule.name()), RATE_KEYS.RATE_KEY.eq(key))
                    .forUpdate().fetch();
            Instant horizon = now.minus(rule.window()).minus(rule.minGap());
            dsl.deleteFrom(RATE_EVENTS).where(RATE_EVENTS.RULE_NAME.eq(rule.name()), RATE_EVENTS.RATE_KEY.eq(key),
                    RATE_EVENTS.OCCURRED_AT.le(horizon)).execute();
            List<Instant> earlier = dsl.select(RATE_EVENTS.OCCURRED_AT).from(RATE_EVENTS)
                    .where(RATE_EVENTS.RULE_NAME.eq(rule.name()), RATE_EVENTS.RATE_KEY.eq(key))
                    .fetch(RATE_EVENTS.OCCURRED_AT);
            Optional<Duration> wait = rule.waitTime(earlier, now);
            if (wait.isEmpty()) {
                dsl.insertInto(RATE_EVENTS).set(RATE_EVENTS.RULE_NAME, rule.name()).set(RATE_EVENTS.RATE_KEY, key)
                        .set(RATE_EVENTS.OCCURRED_AT, now).execute();
            }
            return wait;
        });
    }
}
