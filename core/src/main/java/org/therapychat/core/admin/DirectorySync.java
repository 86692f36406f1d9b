package org.therapychat.core.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.DirectoryUnavailable;
import org.therapychat.core.directory.DirectoryStatus;
import org.therapychat.core.directory.ManagedRecords;
import org.therapychat.core.directory.Study;
import org.therapychat.core.directory.StudyDirectory;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.TherapySessions;

/**
 * SPEC §6: applies what a {@link StudyDirectory} holds, like a roster import — checked first, then
 * one unit of work audited under the directory's name, writing only what differs, so an unchanged
 * read writes nothing at all (no entry, no refetch hint). A failed read changes nothing: nobody is
 * disabled, no member removed, and the next try comes after a growing pause. Not for concurrent
 * use from several threads at once: calls are serialised.
 */
public final class DirectorySync {
    /** The first pause after a failure; each further failure doubles it. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    /** The longest pause between tries while failing, unless the sync interval is longer. */
    public static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    /** The most records read afresh (one API call each) in a clock minute; past it they wait for the next full read. */
    public static final int RECORD_READS_PER_MINUTE = 120;
    private static final System.Logger LOG = System.getLogger(DirectorySync.class.getName());

    /**
     * What one sync did.
     *
     * @param ok whether the directory was read and applied
     * @param changes how many records were written (users, sessions, survey lists, marks)
     * @param reason why it failed, when it did
     */
    public record Outcome(boolean ok, int changes, Optional<String> reason) {
    }

    private final StudyDirectory directory;
    private final DirectoryPlan planner;
    private final AdminService admin;
    private final ManagedRecords managed;
    private final Audit audit;
    private final Clock clock;
    private final Duration interval;
    private final Actor actor;
    /** Held for a whole sync: one at a time. The status fields are guarded by {@code this}, held briefly. */
    private final Object running = new Object();

    private Instant lastSyncAt;
    private Instant failingSince;
    private String error;
    private Study lastStudy;
    private List<Study.Issue> skipped = List.of();
    private List<Study.Issue> warnings = List.of();
    private long failures;
    private int consecutiveFailures;
    private int lastChanges;
    private Instant nextAttemptAt;
    private long lastSyncMillis;
    private long recordReadsMinute = -1;
    private int recordReads;

    /**
     * Wires the sync.
     *
     * @param directory where the study comes from
     * @param admin stores users, sessions and surveys as the admin API does, and holds the marks
     * @param users the users, read to compare
     * @param sessions the sessions, read to compare
     * @param assessments the surveys, read to compare
     * @param audit records each applied change as one entry
     * @param clock stamps the status and times the retries
     * @param interval the pause between two full reads when all goes well
     */
    public DirectorySync(StudyDirectory directory, AdminService admin, UserStore users, TherapySessions sessions,
                         Assessments assessments, Audit audit, Clock clock, Duration interval) {
        this.directory = directory;
        this.admin = admin;
        this.managed = admin.marks();
        this.audit = audit;
        this.clock = clock;
        this.interval = interval;
        this.actor = new Actor(directory.name().toLowerCase(Locale.ROOT));
        this.planner = new DirectoryPlan(directory.name(), managed, users, sessions, assessments);
        this.nextAttemptAt = clock.now();
    }

    /**
     * Whether a full read is due (the interval passed, or the pause after a failure).
     *
     * @return true when {@link #syncAll()} should run now
     */
    public synchronized boolean due() {
        return !clock.now().isBefore(nextAttemptAt);
    }

    /**
     * Reads the whole directory and applies it: people gone from it are disabled (only those it
     * brought), members no longer listed leave their sessions.
     *
     * @return what it did, or why it failed (the status says it too)
     */
    public Outcome syncAll() {
        synchronized (running) {
            long started = System.nanoTime();
            try {
                // who may have left: only people owned before the read (another instance may sync someone meanwhile)
                java.util.Map<String, String> ownedBefore = managed.all(ManagedRecords.Kind.USER);
                Study study = directory.readAll();
                long read = System.nanoTime();
                DirectoryPlan.Changes planned = planner.plan(study, DirectoryPlan.Scope.all(), ownedBefore);
                long planMillis = (System.nanoTime() - read) / 1_000_000;
                int changes = apply(planned, "all");
                LOG.log(System.Logger.Level.INFO, "{0} sync: read in {1} ms, compared in {2} ms, {3} changes written in {4} ms",
                        directory.name(), (read - started) / 1_000_000, planMillis, changes,
                        (System.nanoTime() - read) / 1_000_000 - planMillis);
                synchronized (this) {
                    lastStudy = study;
                    skipped = planned.skipped();
                    warnings = planned.warnings();
                    lastSyncAt = clock.now();
                    failingSince = null;
                    error = null;
                    consecutiveFailures = 0;
                    // links still to fetch: the next read comes at once, not after the interval
                    nextAttemptAt = directory.hasMore() ? lastSyncAt : lastSyncAt.plus(interval);
                    // a duration for staff, not a rule: measured on the machine's monotonic clock
                    lastSyncMillis = (System.nanoTime() - started) / 1_000_000;
                }
                return new Outcome(true, changes, Optional.empty());
            } catch (RuntimeException e) {
                return failed(e);
            }
        }
    }

    /**
     * Reads one record afresh (the directory said it changed) and applies what it holds; disables
     * nobody (only a full read can tell that someone left). While the directory is failing and the
     * pause after the failure runs, nothing is asked of it: the full read that follows covers the record.
     *
     * @param record the directory's record id
     * @return what it did, or why it failed
     */
    public Outcome syncRecord(String record) {
        if (!couldBeAnId(record)) {
            // no user or session could come of it (the directory's own read skips such a record): nothing to ask
            LOG.log(System.Logger.Level.INFO, "{0} record named by a trigger is not a user or session id; ignored",
                    directory.name());
            return new Outcome(true, 0, Optional.empty());
        }
        synchronized (running) {
            boolean neverRead;
            synchronized (this) {
                if (failingSince != null && clock.now().isBefore(nextAttemptAt)) {
                    // the directory is failing: wait out the pause; the full read that ends it covers this record
                    return new Outcome(false, 0, Optional.of(error));
                }
                neverRead = lastStudy == null;
            }
            if (neverRead) {
                // nothing read yet to check the record against: read everything
                return syncAll();
            }
            if (!recordReadAllowed()) {
                return new Outcome(false, 0, Optional.of("too many records named this minute; the next full read covers it"));
            }
            try {
                Study study = directory.readWithFresh(record);
                int changes = apply(planner.plan(study, DirectoryPlan.Scope.record(record)), "record " + record);
                return new Outcome(true, changes, Optional.empty());
            } catch (RuntimeException e) {
                return failed(e);
            }
        }
    }

    /**
     * How syncing goes.
     *
     * @return the last good read's counts and issues, and the current failure if any
     */
    public synchronized DirectoryStatus status() {
        Study s = lastStudy;
        return new DirectoryStatus(directory.name(), Optional.ofNullable(lastSyncAt), Optional.ofNullable(failingSince),
                Optional.ofNullable(error), s == null ? 0 : s.people().size(), s == null ? 0 : s.sessions().size(),
                s == null ? 0 : s.surveys().size(), skipped, warnings, failures, lastChanges, Optional.of(nextAttemptAt),
                lastSyncMillis);
    }

    private int apply(DirectoryPlan.Changes changes, String what) {
        synchronized (this) {
            lastChanges = changes.size();
        }
        if (changes.isEmpty()) {
            return 0;
        }
        audit.recorded(actor, "directory.sync", what + ": " + changes.summary(), () -> {
            admin.storeUsers(changes.users());
            managed.markAll(ManagedRecords.Kind.USER, changes.userMarks(), directory.name());
            changes.sessions().forEach(admin::storeSession);
            managed.markAll(ManagedRecords.Kind.SESSION, changes.sessionMarks(), directory.name());
            // a session this sync creates has no open chat to tell
            java.util.Set<org.therapychat.core.common.TherapySessionId> created = new java.util.HashSet<>(changes.created());
            changes.surveys().forEach(s -> admin.storeAssessmentList(s.session(), s.person(), s.assessments(),
                    !created.contains(s.session())));
        });
        return changes.size();
    }

    /** Counts one record read against this clock minute's budget; false (logged once a minute) when it is spent. */
    private synchronized boolean recordReadAllowed() {
        long minute = clock.now().getEpochSecond() / 60;
        if (minute != recordReadsMinute) {
            recordReadsMinute = minute;
            recordReads = 0;
        }
        if (recordReads >= RECORD_READS_PER_MINUTE) {
            if (recordReads++ == RECORD_READS_PER_MINUTE) {
                LOG.log(System.Logger.Level.WARNING, "{0}: over {1} records named this minute; the rest wait for the next full read",
                        directory.name(), RECORD_READS_PER_MINUTE);
            }
            return false;
        }
        recordReads++;
        return true;
    }

    private static boolean couldBeAnId(String record) {
        try {
            org.therapychat.core.common.UserId.of(record);
            return true;
        } catch (IllegalArgumentException | NullPointerException notAUser) {
            try {
                org.therapychat.core.common.TherapySessionId.of(record);
                return true;
            } catch (IllegalArgumentException | NullPointerException notASession) {
                return false;
            }
        }
    }

    private synchronized Outcome failed(RuntimeException e) {
        Instant now = clock.now();
        failures++;
        consecutiveFailures++;
        if (failingSince == null) {
            failingSince = now;
        }
        // a domain reason is written for people; anything else is named by its kind only (its message may quote data)
        error = e instanceof DirectoryUnavailable ? e.getMessage()
                : "applying the " + directory.name() + " data failed (" + e.getClass().getSimpleName() + ")";
        Duration cap = interval.compareTo(LONGEST_RETRY) > 0 ? interval : LONGEST_RETRY;
        Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(20, consecutiveFailures - 1));
        pause = pause.compareTo(cap) > 0 ? cap : pause;
        nextAttemptAt = now.plus(pause);
        LOG.log(System.Logger.Level.WARNING, "{0} sync failed (next try in {1} s): {2}", directory.name(),
                pause.toSeconds(), error);
        return new Outcome(false, 0, Optional.of(error));
    }
}
