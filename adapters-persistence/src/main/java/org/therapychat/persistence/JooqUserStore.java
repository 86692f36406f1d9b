package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.USERS;

import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.PlainText;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;
import org.therapychat.persistence.jooq.tables.records.UsersRecord;

public final class JooqUserStore implements UserStore {
    private final Database db;

    public JooqUserStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return db.read(dsl -> dsl.selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional(JooqUserStore::user));
    }

    @Override
    public List<User> findByPhone(PhoneNumber phone) {
        return db.read(dsl -> dsl.selectFrom(USERS).where(USERS.PHONE.eq(phone.e164())).orderBy(USERS.ID)
                .fetch(JooqUserStore::user));
    }

    @Override
    public List<User> list() {
        return db.read(dsl -> dsl.selectFrom(USERS).orderBy(USERS.ID).fetch(JooqUserStore::user));
    }

    @Override
    public void put(User user) {
        db.run(dsl -> dsl.insertInto(USERS)
                .set(USERS.ID, user.id().value())
                .set(USERS.ROLE_NAME, user.role().wireName())
                .set(USERS.DISPLAY_NAME, user.displayName())
                .set(USERS.PHONE, user.phone().e164())
                .set(USERS.IDENTIFIER, user.identifier().value())
                .set(USERS.DISABLED, user.disabled())
                .onDuplicateKeyUpdate()
                .set(USERS.ROLE_NAME, user.role().wireName())
                .set(USERS.DISPLAY_NAME, user.displayName())
                .set(USERS.PHONE, user.phone().e164())
                .set(USERS.IDENTIFIER, user.identifier().value())
                .set(USERS.DISABLED, user.disabled())
                .execute());
    }

    @Override
    public boolean isEmpty() {
        return !db.read(dsl -> dsl.fetchExists(USERS));
    }

    /** Names stored before control characters were refused read with U+FFFD in their place. */
    private static User user(UsersRecord r) {
        return new User(UserId.of(r.getId()), Role.fromWire(r.getRoleName()),
                PlainText.replacingWhatALineRefuses(r.getDisplayName()), new PhoneNumber(r.getPhone()),
                new Identifier(PlainText.replacingWhatALineRefuses(r.getIdentifier())), r.getDisabled());
    }
}
