package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.MANAGED_RECORDS;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.impl.DSL;
import org.therapychat.core.directory.ManagedRecords;

/** {@link ManagedRecords} in the {@code managed_records} table (V11). */
public final class JooqManagedRecords implements ManagedRecords {
    private final Database db;

    public JooqManagedRecords(Database db) {
        this.db = db;
    }

    @Override
    public Optional<String> source(Kind kind, String id) {
        return db.read(dsl -> dsl.select(MANAGED_RECORDS.SOURCE).from(MANAGED_RECORDS)
                .where(MANAGED_RECORDS.KIND.eq(kind.name()), MANAGED_RECORDS.ID.eq(id))
                .fetchOptional(MANAGED_RECORDS.SOURCE));
    }

    @Override
    public Map<String, String> all(Kind kind) {
        return db.read(dsl -> {
            Map<String, String> out = new TreeMap<>();
            dsl.select(MANAGED_RECORDS.ID, MANAGED_RECORDS.SOURCE).from(MANAGED_RECORDS)
                    .where(MANAGED_RECORDS.KIND.eq(kind.name()))
                    .forEach(r -> out.put(r.value1(), r.value2()));
            return out;
        });
    }

    /** {@link #mark}'s statement rendered once and sent as one batch: a first sync marks a whole study (see {@link Database#batch}). */
    @Override
    public void markAll(Kind kind, java.util.Collection<String> ids, String source) {
        if (ids.size() < 2) {
            ids.forEach(id -> mark(kind, id, source));
            return;
        }
        boolean stored = db.batch(dsl -> {
            org.jooq.BatchBindStep batch = dsl.batch(upsert(dsl));
            for (String id : ids) {
                batch = batch.bind(Map.of("kind", kind.name(), "id", id, "source", source));
            }
            batch.execute();
        });
        if (!stored) {
            // on H2 a row another unit holds: one by one, waiting for it once
            ids.forEach(id -> mark(kind, id, source));
        }
    }

    @Override
    public void mark(Kind kind, String id, String source) {
        // one statement (MERGE on H2, ON CONFLICT on PostgreSQL), in the caller's unit without a savepoint
        db.read(dsl -> upsert(dsl).bind("kind", kind.name()).bind("id", id).bind("source", source).execute());
    }

    /** Marks one record; its values are named parameters, one each. */
    private static org.jooq.Query upsert(org.jooq.DSLContext dsl) {
        var source = DSL.param("source", String.class);
        return dsl.insertInto(MANAGED_RECORDS)
                .set(MANAGED_RECORDS.KIND, DSL.param("kind", String.class))
                .set(MANAGED_RECORDS.ID, DSL.param("id", String.class))
                .set(MANAGED_RECORDS.SOURCE, source)
                .onDuplicateKeyUpdate().set(MANAGED_RECORDS.SOURCE, source);
    }
}
