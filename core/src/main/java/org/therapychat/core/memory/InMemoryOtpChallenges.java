package org.therapychat.core.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.login.OtpChallenge;
import org.therapychat.core.login.OtpChallenges;

/** Pending logins in this process's memory: for an embedder with one instance, or tests. */
public final class InMemoryOtpChallenges implements OtpChallenges {
    private final Map<String, OtpChallenge> challenges = new ConcurrentHashMap<>();

    @Override
    public void put(OtpChallenge challenge) {
        challenges.put(challenge.key(), challenge);
    }

    @Override
    public Optional<OtpChallenge> find(String key) {
        return Optional.ofNullable(challenges.get(key));
    }

    @Override
    public boolean remove(String key) {
        return challenges.remove(key) != null;
    }

    @Override
    public boolean removeIfCode(String key, String codeHash) {
        OtpChallenge current = challenges.get(key);
        return current != null && current.codeHash().equals(codeHash) && challenges.remove(key, current);
    }

    @Override
    public int removeExpired(Instant now) {
        int before = challenges.size();
        challenges.values().removeIf(c -> c.isExpiredAt(now));
        return before - challenges.size();
    }
}
