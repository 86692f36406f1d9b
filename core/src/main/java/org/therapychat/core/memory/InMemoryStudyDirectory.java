package org.therapychat.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.therapychat.core.common.DomainException.DirectoryUnavailable;
import org.therapychat.core.directory.Study;
import org.therapychat.core.directory.StudyDirectory;
import org.therapychat.core.therapy.Assessment;

/**
 * A {@link StudyDirectory} held in memory: an embedder that reads its platform itself hands each
 * study over with {@link #hold}; tests change it and make it fail. A record read afresh replaces, in
 * the last full read, what that record holds (a person, a session, a person's surveys); a record
 * that is gone stays until the next full read.
 */
public final class InMemoryStudyDirectory implements StudyDirectory {
    private final String name;
    private Study current = new Study(List.of(), List.of(), List.of(), List.of(), List.of());
    private Study lastFull;
    private Optional<String> failure = Optional.empty();
    private int reads;

    /**
     * An empty directory.
     *
     * @param name its name, e.g. {@code REDCap}
     */
    public InMemoryStudyDirectory(String name) {
        this.name = name;
    }

    /**
     * What the directory holds from now on.
     *
     * @param study the whole study
     * @return this
     */
    public synchronized InMemoryStudyDirectory hold(Study study) {
        current = study;
        return this;
    }

    /**
     * Changes what the directory holds.
     *
     * @param change from the study held to the new one
     * @return this
     */
    public synchronized InMemoryStudyDirectory change(UnaryOperator<Study> change) {
        current = change.apply(current);
        return this;
    }

    /**
     * Every read fails with this reason until {@link #recover()}.
     *
     * @param reason why
     * @return this
     */
    public synchronized InMemoryStudyDirectory failWith(String reason) {
        failure = Optional.of(reason);
        return this;
    }

    /**
     * Reads succeed again.
     *
     * @return this
     */
    public synchronized InMemoryStudyDirectory recover() {
        failure = Optional.empty();
        return this;
    }

    /**
     * How many reads were asked for.
     *
     * @return reads, failed ones included
     */
    public synchronized int reads() {
        return reads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized Study readAll() {
        reads++;
        failure.ifPresent(reason -> {
            throw new DirectoryUnavailable(reason);
        });
        lastFull = current;
        return current;
    }

    @Override
    public synchronized Study readWithFresh(String record) {
        if (lastFull == null) {
            return readAll();
        }
        reads++;
        failure.ifPresent(reason -> {
            throw new DirectoryUnavailable(reason);
        });
        boolean gone = current.people().stream().noneMatch(p -> p.id().value().equals(record))
                && current.sessions().stream().noneMatch(s -> s.id().value().equals(record));
        if (gone) {
            return lastFull;
        }
        lastFull = merged(lastFull, current, record);
        return lastFull;
    }

    private static Study merged(Study old, Study now, String record) {
        List<org.therapychat.core.login.User> people = new ArrayList<>();
        old.people().stream().filter(p -> !p.id().value().equals(record)).forEach(people::add);
        now.people().stream().filter(p -> p.id().value().equals(record)).forEach(people::add);
        List<Study.Session> sessions = new ArrayList<>();
        old.sessions().stream().filter(s -> !s.id().value().equals(record)).forEach(sessions::add);
        now.sessions().stream().filter(s -> s.id().value().equals(record)).forEach(sessions::add);
        List<Study.Surveys> surveys = new ArrayList<>();
        old.surveys().stream().filter(s -> !touches(s, record)).forEach(surveys::add);
        now.surveys().stream().filter(s -> touches(s, record)).forEach(surveys::add);
        return new Study(people, sessions, surveys, old.skipped(), old.warnings());
    }

    private static boolean touches(Study.Surveys s, String record) {
        return s.person().value().equals(record) || s.session().value().equals(record);
    }

    /**
     * A study with one survey of one member marked complete (its link dropped), for tests and embedders.
     *
     * @param study the study
     * @param session the session's id
     * @param person the member's id
     * @param survey the survey's name
     * @return the changed study
     */
    public static Study completed(Study study, String session, String person, String survey) {
        List<Study.Surveys> surveys = study.surveys().stream().map(s -> {
            if (!s.session().value().equals(session) || !s.person().value().equals(person)) {
                return s;
            }
            return new Study.Surveys(s.session(), s.person(), s.assessments().stream()
                    .map(a -> a.name().equals(survey) ? new Assessment(a.name(), a.due(), true, Optional.empty()) : a)
                    .toList());
        }).toList();
        return new Study(study.people(), study.sessions(), surveys, study.skipped(), study.warnings());
    }
}
