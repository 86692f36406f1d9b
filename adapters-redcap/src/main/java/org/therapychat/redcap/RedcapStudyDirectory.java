package org.therapychat.redcap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.DomainException.DirectoryUnavailable;
import org.therapychat.core.directory.Study;
import org.therapychat.core.directory.StudyDirectory;
import org.therapychat.core.login.PhoneNumberParser;

/**
 * The study as a REDCap project holds it. A full read is one record export (all rows of the three
 * events); survey links are asked for only for (record, instrument, instance) never seen before, a
 * few at once, and kept — so an unchanged read costs one API call. A record read afresh after a
 * Data Entry Trigger is one export of that record, merged into the rows of the last full read.
 */
public final class RedcapStudyDirectory implements StudyDirectory {
    /**
     * How long one read asks for new survey links: past it the study is applied with the links it has
     * and the next read (at once, see {@link #hasMore()}) asks for the rest, so a first sync of a big
     * project is not held up by thousands of calls to a distant REDCap.
     */
    public static final java.time.Duration LINK_BUDGET = java.time.Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RedcapStudyDirectory.class);
    private volatile boolean linksPending;
    private final java.time.Duration linkBudget;
    private final RedcapSettings settings;
    private final RedcapApi api;
    private final RedcapProject project;
    /** Links by (record, instrument, instance); empty when REDCap refused one (not a survey): not asked again. */
    private final Map<RedcapProject.Wanted, Optional<String>> links = new ConcurrentHashMap<>();
    /** The last full read's rows, by record, in export order; guarded by this. */
    private Map<String, List<Map<String, String>>> rows;

    public RedcapStudyDirectory(RedcapSettings settings, PhoneNumberParser phones) {
        this(settings, phones, LINK_BUDGET);
    }

    /** ... asking for links for at most {@code linkBudget} per read (tests that want complete reads on a busy machine). */
    RedcapStudyDirectory(RedcapSettings settings, PhoneNumberParser phones, java.time.Duration linkBudget) {
        this.linkBudget = linkBudget;
        this.settings = settings;
        this.api = new RedcapApi(settings);
        this.project = new RedcapProject(settings.mapping(), settings.zone(), phones);
    }

    @Override
    public String name() {
        return "REDCap";
    }

    /** API calls made since start. */
    public long calls() {
        return api.calls();
    }

    /** REDCap's version ({@code content=version}), e.g. for a health check at start. */
    public String version() {
        return api.version();
    }

    @Override
    public boolean hasMore() {
        return linksPending;
    }

    @Override
    public synchronized Study readAll() {
        List<Map<String, String>> all = api.exportRecords(settings.mapping().events(), null);
        project.requireFields(all);
        Study study = withLinks(all);
        rows = byRecord(all);
        return study;
    }

    @Override
    public synchronized Study readWithFresh(String record) {
        if (rows == null) {
            return readAll();
        }
        List<Map<String, String>> fresh = api.exportRecords(settings.mapping().events(), record);
        project.requireFields(fresh);
        String idField = settings.mapping().get("recordId");
        if (fresh.stream().anyMatch(r -> !record.equals(r.get(idField)))) {
            throw new DirectoryUnavailable("REDCap answered rows of other records when asked for one");
        }
        Map<String, List<Map<String, String>>> merged = new LinkedHashMap<>(rows);
        if (!fresh.isEmpty()) {
            // a record that is gone is left as it was: only a full read tells who left
            merged.put(record, fresh);
        }
        List<Map<String, String>> flat = new ArrayList<>();
        merged.values().forEach(flat::addAll);
        Study study = withLinks(flat);
        rows = merged;
        return study;
    }

    /** One pass when every link is known; links never seen are fetched, then the study is read again. */
    private Study withLinks(List<Map<String, String>> all) {
        List<RedcapProject.Wanted> missing = new ArrayList<>();
        RedcapProject.Links known = (record, instrument, instance) -> {
            RedcapProject.Wanted w = new RedcapProject.Wanted(record, instrument, instance);
            Optional<String> link = links.get(w);
            if (link == null) {
                missing.add(w);
                return Optional.empty();
            }
            return link;
        };
        Study study = project.study(all, known);
        if (missing.isEmpty()) {
            linksPending = false;
            return study;
        }
        List<RedcapProject.Wanted> wanted = missing.stream().distinct().toList();
        int asked = fetch(wanted);
        linksPending = asked < wanted.size();
        if (linksPending) {
            LOG.info("asked REDCap for {} of {} new survey links within {} s; the rest on the next read", asked,
                    wanted.size(), linkBudget.toMillis() / 1000.0);
        }
        missing.clear();
        Study read = project.study(all, known);
        if (missing.isEmpty()) {
            return read;
        }
        // links not asked for yet are unknown, not absent: those people's survey lists wait for the next read
        // (at once), rather than being applied without the links they may already have here
        java.util.Set<String> waiting = new java.util.HashSet<>();
        missing.forEach(w -> waiting.add(w.record()));
        return new Study(read.people(), read.sessions(),
                read.surveys().stream().filter(v -> !waiting.contains(v.person().value())).toList(),
                read.skipped(), read.warnings());
    }

    /**
     * Asks for the links a few at once, for at most {@link #LINK_BUDGET}; a refused one (not enabled as a
     * survey) is remembered as none. Answers how many were asked for.
     */
    private int fetch(List<RedcapProject.Wanted> missing) {
        long until = System.nanoTime() + linkBudget.toNanos();
        Semaphore slots = new Semaphore(settings.linkConcurrency());
        String event = settings.mapping().get("assessmentEvent");
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        Map<RedcapProject.Wanted, String> refused = new HashMap<>();
        int asked = 0;
        for (RedcapProject.Wanted w : missing) {
            if (System.nanoTime() > until) {
                break;
            }
            asked++;
            slots.acquireUninterruptibly();
            calls.add(api.surveyLink(w.record(), w.instrument(), event, w.instance())
                    .handle((url, failure) -> {
                        slots.release();
                        if (failure == null) {
                            links.put(w, Optional.of(url));
                            return null;
                        }
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        if (cause instanceof RedcapApi.UnusableLink
                                || cause instanceof DirectoryUnavailable d && d.getMessage().startsWith("REDCap answered HTTP 400")) {
                            // refused, or an address nobody should be sent to: that survey goes without a link
                            synchronized (refused) {
                                refused.put(w, cause.getMessage());
                            }
                            links.put(w, Optional.empty());
                            return null;
                        }
                        throw cause instanceof RuntimeException r ? r : new DirectoryUnavailable("REDCap survey link failed");
                    }));
        }
        RedcapApi.await(CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)));
        refused.forEach((w, why) -> LOG.warn("no survey link for record {} instrument {}: {}", w.record(), w.instrument(), why));
        return asked;
    }

    private Map<String, List<Map<String, String>>> byRecord(List<Map<String, String>> all) {
        String idField = settings.mapping().get("recordId");
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (Map<String, String> row : all) {
            out.computeIfAbsent(row.getOrDefault(idField, ""), k -> new ArrayList<>()).add(row);
        }
        return out;
    }
}
