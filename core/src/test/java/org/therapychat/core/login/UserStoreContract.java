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
