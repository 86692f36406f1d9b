package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.USERS;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.ValidationFailed;
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

    /**
     * Creates or replaces the user; the unique index on phone and identifier key refuses a second
     * user with the same pair, whoever writes at the same time.
     *
     * @throws ValidationFailed {@code identifier} when another user has this phone and identifier
     */
    @Override
    public void put(User user) {
        try {
            db.run(dsl -> {
                UsersRecord old = dsl.selectFrom(USERS).where(USERS.ID.eq(user.id().value())).fetchOne();
                bind(upsert(dsl), user, old).execute();
            });
        } catch (PortFailure e) {
            if (Database.isUniqueViolation(e) && pairTakenByAnother(user)) {
                throw new ValidationFailed("identifier", "another user has this phone and identifier");
            }
            throw e;
        }
    }

    /**
     * The statement of {@link #put} rendered once and sent as one batch (a first directory sync
     * stores a whole study). When the batch is refused (a pair another user has; on H2 a row
     * another unit holds, see {@link Database#batch}), it is taken back and the users are stored
     * one by one, so the refusal names the field as {@link #put} does.
     */
    @Override
    public void putAll(List<User> users) {
        if (users.size() < 2) {
            users.forEach(this::put);
            return;
        }
        boolean stored = db.batch(dsl -> {
            // users kept without a key (duplicates from before V6) are rare: read them all, once
            java.util.Map<String, UsersRecord> keyless = new java.util.HashMap<>();
            dsl.selectFrom(USERS).where(USERS.IDENTIFIER_KEY.isNull()).forEach(r -> keyless.put(r.getId(), r));
            org.jooq.BatchBindStep batch = dsl.batch(upsert(dsl));
            for (User user : users) {
                batch = batch.bind(values(user, keyless.get(user.id().value())));
            }
            batch.execute();
        });
        if (!stored) {
            // taken back whole; one by one, the user whose pair is taken is named (or a held row waited for)
            users.forEach(this::put);
        }
    }

    /** Creates or replaces one user row; its values are named parameters, one each (see {@link #values}). */
    private static org.jooq.Query upsert(org.jooq.DSLContext dsl) {
        var role = param("role", USERS.ROLE_NAME);
        var name = param("name", USERS.DISPLAY_NAME);
        var phone = param("phone", USERS.PHONE);
        var identifier = param("identifier", USERS.IDENTIFIER);
        var key = param("key", USERS.IDENTIFIER_KEY);
        var disabled = param("disabled", USERS.DISABLED);
        return dsl.insertInto(USERS)
                .set(USERS.ID, param("id", USERS.ID))
                .set(USERS.ROLE_NAME, role).set(USERS.DISPLAY_NAME, name).set(USERS.PHONE, phone)
                .set(USERS.IDENTIFIER, identifier).set(USERS.IDENTIFIER_KEY, key).set(USERS.DISABLED, disabled)
                .onDuplicateKeyUpdate()
                .set(USERS.ROLE_NAME, role).set(USERS.DISPLAY_NAME, name).set(USERS.PHONE, phone)
                .set(USERS.IDENTIFIER, identifier).set(USERS.IDENTIFIER_KEY, key).set(USERS.DISABLED, disabled);
    }

    /**
     * The upsert's values for a user whose stored row is {@code old} (null when new). A user left
     * without a key (a duplicate from before V6) keeps none while their phone and identifier stay
     * as they are: an admin can still disable or rename them.
     */
    private static java.util.Map<String, Object> values(User user, UsersRecord old) {
        boolean keylessAndUnchanged = old != null && old.getIdentifierKey() == null
                && old.getPhone().equals(user.phone().e164()) && user(old).identifier().matches(user.identifier());
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("id", user.id().value());
        values.put("role", user.role().wireName());
        values.put("name", user.displayName());
        values.put("phone", user.phone().e164());
        values.put("identifier", user.identifier().value());
        values.put("key", keylessAndUnchanged ? null : identifierKey(user.identifier()));
        values.put("disabled", user.disabled());
        return values;
    }

    private static org.jooq.Query bind(org.jooq.Query upsert, User user, UsersRecord old) {
        values(user, old).forEach(upsert::bind);
        return upsert;
    }

    private static <T> org.jooq.Param<T> param(String name, org.jooq.Field<T> like) {
        return org.jooq.impl.DSL.param(name, like);
    }

    private boolean pairTakenByAnother(User user) {
        return findByPhone(user.phone()).stream()
                .anyMatch(other -> !other.id().equals(user.id()) && other.identifier().matches(user.identifier()));
    }

    /** What the unique index compares: the SHA-256 of the identifier's compared form, in hex. */
    public static String identifierKey(Identifier identifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(identifier.normalized().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Gives every user stored without an identifier key (rows from before the key, or moved in by
     * import-data) theirs. A user whose phone and identifier another user already has keeps none,
     * and is answered: login finds the user with the lower id, so an admin must tell them apart.
     *
     * @return one line per user left without a key, naming them and the user with the same pair
     */
    public List<String> fillIdentifierKeys() {
        List<String> duplicates = new ArrayList<>();
        List<UsersRecord> missing = db.read(dsl -> dsl.selectFrom(USERS).where(USERS.IDENTIFIER_KEY.isNull())
                .orderBy(USERS.ID).fetch());
        for (UsersRecord row : missing) {
            User user = user(row);
            String key = identifierKey(user.identifier());
            try {
                db.run(dsl -> dsl.update(USERS).set(USERS.IDENTIFIER_KEY, key).where(USERS.ID.eq(row.getId())).execute());
            } catch (PortFailure e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
                String holder = db.read(dsl -> dsl.select(USERS.ID).from(USERS)
                        .where(USERS.PHONE.eq(row.getPhone()), USERS.IDENTIFIER_KEY.eq(key)).fetchOne(USERS.ID));
                duplicates.add("user " + row.getId() + " has the phone and identifier of user " + holder
                        + ": only " + holder + " can log in until an admin changes one of them");
            }
        }
        return duplicates;
    }

    @Override
    public boolean isEmpty() {
        return !db.read(dsl -> dsl.fetchExists(USERS));
    }

    /** Names stored before control characters were refused read with U+FFFD in their place. */
    public static User user(UsersRecord r) {
        return new User(UserId.of(r.getId()), Role.fromWire(r.getRoleName()),
                PlainText.replacingWhatALineRefuses(r.getDisplayName()), new PhoneNumber(r.getPhone()),
                new Identifier(PlainText.replacingWhatALineRefuses(r.getIdentifier())), r.getDisabled());
    }
}
