package org.therapychat.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;
import static org.therapychat.core.fixtures.Samples.user;

import org.junit.jupiter.api.Test;
import org.therapychat.core.common.UserId;

public interface UserStoreContract {
    UserStore emptyUserStore();

    @Test
    default void findsAUserByIdAndByPhone() {
        UserStore store = emptyUserStore();
        store.put(ana());
        store.put(ben());
        assertThat(store.findById(ANA)).contains(ana());
        assertThat(store.findByPhone(ana().phone())).containsExactly(ana());
        assertThat(store.findById(UserId.of("nobody"))).isEmpty();
    }

    /** Issue 21 B3: the check and the write are one step, so two racing writers cannot both win. */
    @Test
    default void aSecondUserWithTheSamePhoneAndIdentifierIsRefusedEvenWhenBothRace() throws Exception {
        UserStore store = emptyUserStore();
        store.put(ana());
        User twin = user(UserId.of("P900"), Role.PARTICIPANT, "Twin", ana().phone().e164(), " SMÍTH ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.put(twin))
                .isInstanceOf(org.therapychat.core.common.DomainException.ValidationFailed.class)
                .hasMessageContaining("phone and identifier");
        store.put(user(ANA, Role.PARTICIPANT, "Ana again", ana().phone().e164(), "smith"));
        assertThat(store.findById(UserId.of("P900"))).isEmpty();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String phone = String.format("+165055540%02d", round);
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<Boolean>> racers = new java.util.ArrayList<>();
                for (String id : java.util.List.of("A" + round, "B" + round)) {
                    racers.add(pool.submit(() -> {
                        go.await();
                        try {
                            store.put(user(UserId.of(id), Role.PARTICIPANT, id, phone, "Racer"));
                            return true;
                        } catch (org.therapychat.core.common.DomainException.ValidationFailed refused) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                int won = 0;
                for (var racer : racers) {
                    won += racer.get() ? 1 : 0;
                }
                assertThat(won).as("round %d", round).isEqualTo(1);
                assertThat(store.findByPhone(new PhoneNumber(phone))).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void putAllStoresAndReplacesEachAsPutWould() {
        UserStore store = emptyUserStore();
        store.put(ana());
        java.util.List<User> many = new java.util.ArrayList<>();
        many.add(user(ANA, Role.PARTICIPANT, "Ana María", "+16505550111", "Smith-García").withDisabled(true));
        for (int i = 0; i < 120; i++) {
            many.add(user(UserId.of("B" + i), i % 10 == 0 ? Role.THERAPIST : Role.PARTICIPANT, "Person " + i,
                    String.format("+1650555%04d", 2000 + i), "Last" + i));
        }
        store.putAll(many);
        for (User u : many) {
            assertThat(store.findById(u.id())).contains(u);
        }
        assertThat(store.findByPhone(ana().phone())).isEmpty();
        assertThat(store.findByPhone(new PhoneNumber("+16505552005"))).containsExactly(many.get(6));
        store.putAll(java.util.List.of());
        assertThat(store.list()).hasSize(121);
    }

    /** A batch is refused as a single put is: the field named, the pair's owner untouched. */
    @Test
    default void putAllRefusesAPairAnotherUserHas() {
        UserStore store = emptyUserStore();
        store.put(ana());
        User twin = user(UserId.of("P900"), Role.PARTICIPANT, "Twin", ana().phone().e164(), " SMÍTH ");
        User other = user(UserId.of("P901"), Role.PARTICIPANT, "Other", "+16505559901", "Other");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.putAll(java.util.List.of(other, twin)))
                .isInstanceOf(org.therapychat.core.common.DomainException.ValidationFailed.class)
                .hasMessageContaining("phone and identifier");
        assertThat(store.findById(UserId.of("P900"))).isEmpty();
        assertThat(store.findById(ANA)).contains(ana());
    }

    @Test
    default void putReplacesTheUserWithThatId() {
        UserStore store = emptyUserStore();
        store.put(ana());
        User renamed = user(ANA, Role.PARTICIPANT, "Ana María", "+16505550111", "Smith-García");
        store.put(renamed);
        assertThat(store.findById(ANA)).contains(renamed);
        assertThat(store.findByPhone(ana().phone())).isEmpty();
        assertThat(store.findByPhone(renamed.phone())).containsExactly(renamed);
    }

    @Test
    default void isEmptyUntilTheFirstUserIsStored() {
        UserStore store = emptyUserStore();
        assertThat(store.isEmpty()).isTrue();
        store.put(ana());
        assertThat(store.isEmpty()).isFalse();
    }

    @Test
    default void aSharedPhoneFindsEveryUserOnIt() {
        UserStore store = emptyUserStore();
        User mother = user(UserId.of("P1"), Role.PARTICIPANT, "Mother", "+16505550150", "Doe");
        User son = user(UserId.of("P2"), Role.PARTICIPANT, "Son", "+16505550150", "Doe Jr");
        store.put(mother);
        store.put(son);
        assertThat(store.findByPhone(mother.phone())).containsExactlyInAnyOrder(mother, son);
    }

    @Test
    default void listsEveryUserByIdWithTheDisabledFlag() {
        UserStore store = emptyUserStore();
        store.put(ben());
        store.put(ana().withDisabled(true));
        assertThat(store.list()).containsExactly(ana().withDisabled(true), ben());
        assertThat(store.findById(ANA).orElseThrow().disabled()).isTrue();
        store.put(ana());
        assertThat(store.findById(ANA).orElseThrow().disabled()).isFalse();
    }

    @Test
    default void aStaffUserIsStored() {
        UserStore store = emptyUserStore();
        User staff = user(UserId.of("S1"), Role.STAFF, "Sam", "+16505550199", "Coordinator");
        store.put(staff);
        assertThat(store.findById(UserId.of("S1"))).contains(staff);
    }
}
