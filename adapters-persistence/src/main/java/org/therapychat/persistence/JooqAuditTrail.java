package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.AUDIT_ENTRIES;
import static org.therapychat.persistence.jooq.Tables.AUDIT_HEAD;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.therapychat.core.audit.AuditEntry;
import org.therapychat.core.audit.AuditTrail;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.persistence.jooq.tables.records.AuditEntriesRecord;

/** The audit trail in {@code audit_entries}; the head row orders appends (see V5). Nothing updates or deletes a row. */
public final class JooqAuditTrail implements AuditTrail {
    private static final String HEAD = "audit";
    private final Database db;

    public JooqAuditTrail(Database db) {
        this.db = db;
    }

    @Override
    public AuditEntry append(Instant at, String actor, String action, String target, String outcome) {
        return db.transaction(dsl -> {
            long id = lockHead(dsl) + 1;
            AuditEntry entry = new AuditEntry(id, at, actor, action, target, outcome);
            store(dsl, entry);
            dsl.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_ID, id).where(AUDIT_HEAD.HEAD_KEY.eq(HEAD)).execute();
            return entry;
        });
    }

    @Override
    public List<AuditEntry> after(long afterId, int limit) {
        return db.read(dsl -> dsl.selectFrom(AUDIT_ENTRIES).where(AUDIT_ENTRIES.ID.gt(afterId))
                .orderBy(AUDIT_ENTRIES.ID).limit(limit).fetch(JooqAuditTrail::entry));
    }

    @Override
    public List<AuditEntry> before(long beforeId, int limit) {
        return db.read(dsl -> dsl.selectFrom(AUDIT_ENTRIES).where(AUDIT_ENTRIES.ID.lt(beforeId))
                .orderBy(AUDIT_ENTRIES.ID.desc()).limit(limit).fetch(JooqAuditTrail::entry));
    }

    @Override
    public void insert(AuditEntry entry) {
        try {
            db.run(dsl -> {
                long head = lockHead(dsl);
                store(dsl, entry);
                if (entry.id() > head) {
                    dsl.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_ID, entry.id()).where(AUDIT_HEAD.HEAD_KEY.eq(HEAD)).execute();
                }
            });
        } catch (PortFailure e) {
            if (Database.isUniqueViolation(e)) {
                throw new IllegalArgumentException("audit entry " + entry.id() + " exists", e);
            }
            throw e;
        }
    }

    private static long lockHead(DSLContext dsl) {
        return dsl.select(AUDIT_HEAD.LAST_ID).from(AUDIT_HEAD).where(AUDIT_HEAD.HEAD_KEY.eq(HEAD)).forUpdate()
                .fetchSingle(AUDIT_HEAD.LAST_ID);
    }

    private static void store(DSLContext dsl, AuditEntry e) {
        dsl.insertInto(AUDIT_ENTRIES)
                .set(AUDIT_ENTRIES.ID, e.id())
                .set(AUDIT_ENTRIES.RECORDED_AT, e.at())
                .set(AUDIT_ENTRIES.ACTOR, e.actor())
                .set(AUDIT_ENTRIES.ACTION_NAME, e.action())
                .set(AUDIT_ENTRIES.TARGET, e.target())
                .set(AUDIT_ENTRIES.OUTCOME, e.outcome())
                .execute();
    }

    static AuditEntry entry(AuditEntriesRecord r) {
        return new AuditEntry(r.getId(), r.getRecordedAt(), r.getActor(), r.getActionName(), r.getTarget(), r.getOutcome());
    }
}
