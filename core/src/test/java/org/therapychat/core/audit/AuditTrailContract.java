package org.therapychat.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every {@link AuditTrail} adapter: append-only, ids increasing, pages in id order, import keeps ids. */
public interface AuditTrailContract {
    Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    AuditTrail emptyAuditTrail();

    @Test
    default void entriesComeBackInIdOrderAsAppended() {
        AuditTrail trail = emptyAuditTrail();
        AuditEntry first = trail.append(T0, "token", "user.put", "P1", "ok");
        AuditEntry second = trail.append(T0.plusSeconds(1), "S1", "session.export", "week-1", "ok");
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(trail.after(0, 10)).containsExactly(first, second);
        assertThat(trail.after(first.id(), 10)).containsExactly(second);
        assertThat(trail.after(second.id(), 10)).isEmpty();
    }

    @Test
    default void aPageHoldsAtMostTheLimit() {
        AuditTrail trail = emptyAuditTrail();
        for (int i = 0; i < 5; i++) {
            trail.append(T0, "token", "user.put", "P" + i, "ok");
        }
        List<AuditEntry> page = trail.after(0, 3);
        assertThat(page).extracting(AuditEntry::target).containsExactly("P0", "P1", "P2");
        assertThat(trail.after(page.get(2).id(), 3)).extracting(AuditEntry::target).containsExactly("P3", "P4");
    }

    @Test
    default void newestFirstPagesGoBackBeforeAnId() {
        AuditTrail trail = emptyAuditTrail();
        assertThat(trail.before(Long.MAX_VALUE, 10)).isEmpty();
        for (int i = 0; i < 5; i++) {
            trail.append(T0.plusSeconds(i), "token", "user.put", "P" + i, "ok");
        }
        List<AuditEntry> newest = trail.before(Long.MAX_VALUE, 2);
        assertThat(newest).extracting(AuditEntry::target).containsExactly("P4", "P3");
        List<AuditEntry> older = trail.before(newest.get(1).id(), 2);
        assertThat(older).extracting(AuditEntry::target).containsExactly("P2", "P1");
        assertThat(trail.before(older.get(1).id(), 2)).extracting(AuditEntry::target).containsExactly("P0");
        assertThat(trail.before(trail.after(0, 1).get(0).id(), 2)).isEmpty();
        assertThat(trail.before(newest.get(0).id() + 1, 1)).as("an id above the newest").isEqualTo(newest.subList(0, 1));
    }

    @Test
    default void newestFirstPagesSkipGapsInTheIds() {
        AuditTrail trail = emptyAuditTrail();
        trail.insert(new AuditEntry(3, T0, "S1", "staff.login", "S1", "ok"));
        trail.insert(new AuditEntry(40, T0, "S1", "user.put", "P1", "ok"));
        AuditEntry last = trail.append(T0, "token", "user.put", "P2", "ok");
        assertThat(trail.before(Long.MAX_VALUE, 10)).extracting(AuditEntry::id).containsExactly(last.id(), 40L, 3L);
        assertThat(trail.before(40, 10)).extracting(AuditEntry::id).containsExactly(3L);
    }

    @Test
    default void insertedEntriesKeepTheirIdsAndLaterAppendsGoAbove() {
        AuditTrail trail = emptyAuditTrail();
        AuditEntry imported = new AuditEntry(41, T0, "S1", "staff.login", "S1", "ok");
        trail.insert(imported);
        assertThat(trail.after(0, 10)).containsExactly(imported);
        assertThat(trail.append(T0, "token", "user.put", "P1", "ok").id()).isGreaterThan(41);
        assertThatThrownBy(() -> trail.insert(imported)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void concurrentAppendsGetDistinctIds() throws Exception {
        AuditTrail trail = emptyAuditTrail();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AuditEntry>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String target = "P" + i;
                futures.add(pool.submit(() -> trail.append(T0, "token", "user.put", target, "ok")));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<AuditEntry> f : futures) {
                ids.add(f.get().id());
            }
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(trail.after(0, 100)).hasSize(40);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    default void timesAndTextsAreKeptAsGiven() {
        AuditTrail trail = emptyAuditTrail();
        Instant at = Instant.parse("2026-11-25T10:00:00.123Z");
        trail.append(at, "P7", "admin.refused", "GET /admin/users", "refused");
        AuditEntry stored = trail.after(0, 1).get(0);
        assertThat(stored.at()).isEqualTo(at);
        assertThat(stored.actor()).isEqualTo("P7");
        assertThat(stored.action()).isEqualTo("admin.refused");
        assertThat(stored.target()).isEqualTo("GET /admin/users");
        assertThat(stored.outcome()).isEqualTo("refused");
    }
}
