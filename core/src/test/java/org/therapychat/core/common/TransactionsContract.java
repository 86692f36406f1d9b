package org.therapychat.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.audit.AuditTrail;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.NewAction;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;

/** The unit-of-work port: what one admin action writes through the stores commits together or not at all. */
public interface TransactionsContract {
    /**
     * Units and the stores whose writes join them, all of one adapter family, empty.
     *
     * @param transactions the units
     * @param users a user store
     * @param log an action log
     * @param trail an audit trail
     */
    record Stores(Transactions transactions, UserStore users, ActionLog log, AuditTrail trail) {
    }

    Stores emptyStores();

    Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    TherapySessionId UNIT = TherapySessionId.of("unit-1");

    private static User user(String id, String phone, String identifier) {
        return new User(UserId.of(id), Role.PARTICIPANT, id, new PhoneNumber(phone), new Identifier(identifier));
    }

    private static NewAction notice(String body) {
        return NewAction.fromServer(java.util.Set.of(), AT, new Action.Notice(body, "system"));
    }

    @Test
    default void aUnitThatFailsKeepsNoneOfItsWrites() {
        Stores s = emptyStores();
        List<String> heard = new ArrayList<>();
        assertThatThrownBy(() -> s.transactions().inOne(() -> {
            s.users().put(user("U1", "+16505550161", "One"));
            s.log().append(UNIT, notice("details changed"));
            s.transactions().afterCommit(() -> heard.add("committed"));
            s.trail().append(AT, "S1", "user.put", "U1", "ok");
            throw new IllegalStateException("the audit entry could not be appended");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the audit entry could not be appended");

        assertThat(s.users().findById(UserId.of("U1"))).isEmpty();
        assertThat(s.log().readAfter(UNIT, 0, 10)).isEmpty();
        assertThat(s.trail().after(0, 10)).isEmpty();
        assertThat(heard).as("nothing is announced for writes taken back").isEmpty();
    }

    @Test
    default void whatRunsAfterTheUnitRunsWhetherItCommittedOrNot() {
        Stores s = emptyStores();
        List<String> heard = new ArrayList<>();
        assertThatThrownBy(() -> s.transactions().inOne(() -> {
            s.transactions().afterUnit(() -> heard.add("ended"));
            assertThat(heard).isEmpty();
            throw new IllegalStateException("taken back");
        })).isInstanceOf(IllegalStateException.class);
        s.transactions().inOne(() -> {
            s.transactions().afterUnit(() -> heard.add("ended"));
            return null;
        });
        s.transactions().afterUnit(() -> heard.add("outside a unit: at once"));
        assertThat(heard).containsExactly("ended", "ended", "outside a unit: at once");
    }

    @Test
    default void aUnitThatSucceedsKeepsEveryWriteAndAnnouncesThemOnlyOnceCommitted() {
        Stores s = emptyStores();
        List<String> heard = new ArrayList<>();
        String answer = s.transactions().inOne(() -> {
            s.users().put(user("U1", "+16505550161", "One"));
            s.log().append(UNIT, notice("details changed"));
            s.transactions().afterCommit(() -> heard.add("committed"));
            assertThat(heard).isEmpty();
            s.trail().append(AT, "S1", "user.put", "U1", "ok");
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(heard).containsExactly("committed");
        assertThat(s.users().findById(UserId.of("U1"))).isPresent();
        assertThat(s.log().readAfter(UNIT, 0, 10)).hasSize(1);
        assertThat(s.trail().after(0, 10)).hasSize(1);
        s.transactions().afterCommit(() -> heard.add("outside a unit: at once"));
        assertThat(heard).hasSize(2);
    }

    @Test
    default void aWriteRefusedInsideAUnitIsTakenBackAloneAndTheUnitGoesOn() {
        Stores s = emptyStores();
        s.users().put(user("U1", "+16505550161", "One"));
        s.transactions().inOne(() -> {
            assertThatThrownBy(() -> s.users().put(user("U2", "+16505550161", "ONE"))).isInstanceOf(ValidationFailed.class);
            s.users().put(user("U3", "+16505550163", "Three"));
            return null;
        });
        assertThat(s.users().findById(UserId.of("U2"))).isEmpty();
        assertThat(s.users().findById(UserId.of("U3"))).isPresent();
    }

    @Test
    default void aUnitOpenedInsideAnotherJoinsIt() {
        Stores s = emptyStores();
        assertThatThrownBy(() -> s.transactions().inOne(() -> {
            s.transactions().inOne(() -> {
                s.users().put(user("U1", "+16505550161", "One"));
                return null;
            });
            throw new IllegalStateException("the outer unit fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(s.users().findById(UserId.of("U1"))).isEmpty();
    }

    /** Review of issue 21: a step after the unit that threw left the chat's append lock held for good. */
    @Test
    default void aStepAfterTheUnitThatFailsChangesNothingOfItsOutcome() {
        Stores s = emptyStores();
        String answer = s.transactions().inOne(() -> {
            s.users().put(user("U1", "+16505550161", "One"));
            s.log().append(UNIT, notice("details changed"));
            s.transactions().afterUnit(() -> {
                throw new IllegalStateException("a listener failed");
            });
            s.transactions().afterCommit(() -> {
                throw new IllegalStateException("another listener failed");
            });
            return "stored";
        });
        assertThat(answer).isEqualTo("stored");
        assertThat(s.log().readAfter(UNIT, 0, 10)).as("the committed append is readable").hasSize(1);
        long started = System.nanoTime();
        s.log().append(UNIT, notice("the next one"));
        System.out.printf("the next append after a failed step took %.1f ms%n", (System.nanoTime() - started) / 1e6);
        assertThat(s.log().readAfter(UNIT, 0, 10)).hasSize(2);
        assertThat(s.users().findById(UserId.of("U1"))).isPresent();
    }

    /** Review of issue 21: taking back a unit's write must not undo what another writer wrote since. */
    @Test
    default void aUnitThatFailsNeverUndoesAnotherWritersLaterWrite() throws Exception {
        Stores s = emptyStores();
        s.users().put(user("U1", "+16505550161", "One"));
        User theirs = new User(UserId.of("U1"), Role.PARTICIPANT, "Theirs", new PhoneNumber("+16505550161"),
                new Identifier("One"));
        Thread other = new Thread(() -> s.users().put(theirs));
        assertThatThrownBy(() -> s.transactions().inOne(() -> {
            s.users().put(new User(UserId.of("U1"), Role.PARTICIPANT, "Mine", new PhoneNumber("+16505550161"),
                    new Identifier("One")));
            other.start();
            try {
                // in memory the other write lands now; in a database it waits for this unit's row lock
                other.join(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the audit entry could not be appended");
        })).isInstanceOf(IllegalStateException.class);
        other.join(30_000);
        assertThat(s.users().findById(UserId.of("U1"))).contains(theirs);
    }
}
