package org.therapychat.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.fixtures.FakeClock;
import org.therapychat.core.memory.InMemoryAuditTrail;
import org.therapychat.core.memory.InMemoryTransactions;

/** The audit read newest first, a page at a time, each page saying where the next older one starts. */
class AuditPagesTest {
    private final Audit audit = new Audit(new InMemoryAuditTrail(), new FakeClock(), new InMemoryTransactions());

    private void record(int n) {
        for (int i = 0; i < n; i++) {
            audit.record(Actor.TOKEN, "user.put", "P" + i, "ok");
        }
    }

    @Test
    void pagesGoBackFromTheNewestUntilThereIsNoOlderOne() {
        record(250);
        AuditPage first = audit.newest(OptionalLong.empty(), 100);
        assertThat(first.entries()).extracting(AuditEntry::id).containsExactlyElementsOf(
                LongStream.iterate(250, id -> id - 1).limit(100).boxed().toList());
        assertThat(first.nextBefore()).hasValue(151);
        AuditPage second = audit.newest(first.nextBefore(), 100);
        assertThat(second.entries().get(0).id()).isEqualTo(150);
        AuditPage last = audit.newest(second.nextBefore(), 100);
        assertThat(last.entries()).hasSize(50);
        assertThat(last.nextBefore()).as("nothing older").isEmpty();
    }

    @Test
    void aPageThatEndsAtTheOldestEntrySaysThereIsNoOlderOne() {
        record(100);
        assertThat(audit.newest(OptionalLong.empty(), 100).nextBefore()).isEmpty();
        assertThat(audit.newest(OptionalLong.empty(), 99).nextBefore()).hasValue(2);
        assertThat(audit.newest(OptionalLong.of(1), 100).entries()).isEmpty();
    }

    @Test
    void theLimitIsFromOneToTheMaximumPage() {
        record(3);
        assertThat(audit.newest(OptionalLong.empty(), Audit.MAX_PAGE).entries()).hasSize(3);
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> audit.newest(OptionalLong.empty(), 0)).field())
                .isEqualTo("limit");
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> audit.after(0, Audit.MAX_PAGE + 1)).field())
                .isEqualTo("limit");
        assertThat(audit.after(1, 1)).extracting(AuditEntry::id).containsExactly(2L);
    }

    @Test
    void anAuditThatIsOffReadsNothing() {
        assertThat(Audit.off().newest(OptionalLong.empty(), 10).entries()).isEmpty();
        assertThat(Audit.off().newest(OptionalLong.empty(), 10).nextBefore()).isEmpty();
    }
}
