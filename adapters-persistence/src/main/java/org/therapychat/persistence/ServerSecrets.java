package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.SERVER_SECRETS;

import java.util.Base64;
import java.util.function.Supplier;

/** Named random secrets kept in the database, so every instance sharing it uses the same key. */
public final class ServerSecrets {
    private final Database db;

    public ServerSecrets(Database db) {
        this.db = db;
    }

    /** The secret with this name; the first caller's {@code fresh} bytes become it. */
    public byte[] getOrCreate(String name, Supplier<byte[]> fresh) {
        String candidate = Base64.getEncoder().encodeToString(fresh.get());
        db.insertUnlessPresent(dsl -> dsl.insertInto(SERVER_SECRETS)
                .set(SERVER_SECRETS.NAME, name)
                .set(SERVER_SECRETS.SECRET, candidate)
                .onDuplicateKeyIgnore()
                .execute());
        String stored = db.read(dsl -> dsl.select(SERVER_SECRETS.SECRET).from(SERVER_SECRETS)
                .where(SERVER_SECRETS.NAME.eq(name)).fetchSingle(SERVER_SECRETS.SECRET));
        return Base64.getDecoder().decode(stored);
    }
}
