package org.therapychat.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.Recurring;
import spark.Request;
import spark.Response;

/**
 * The request log: one line per request (method, path with ids replaced and control characters
 * escaped, status, µs), except
 * for what every open chat and every probe sends every few seconds. Answered polls and health
 * probes are counted instead, and summed up in one line a minute with their latency: a line
 * per poll would be most of the log and, measured, a fifth of the server's CPU at 4,000 polls/s.
 * A poll or probe that fails is logged on its own line like any other request.
 */
final class RequestLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("therapychat.http");

    /** Set by the not-found handler: such a path is no route, and must not become a series of its own. */
    static final String UNMATCHED = "tc.unmatched";
    private static final String POLL_ROUTE = "/api/therapy-sessions/:tsId/actions/sync";
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "OPTIONS", "PATCH");

    private final Duration every;
    private final RequestMetrics metrics;
    private final RouteTemplates routes;
    private final Recorder polls = new Recorder(2);
    private final Recorder probes = new Recorder(2);
    private final ScheduledExecutorService summaries;

    RequestLog(Duration every, RequestMetrics metrics, RouteTemplates routes) {
        this.every = every;
        this.metrics = metrics;
        this.routes = routes;
        this.summaries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "request-log-summary");
            t.setDaemon(true);
            return t;
        });
        summaries.scheduleAtFixedRate(Recurring.keepAlive(this::summarize,
                        t -> LOG.warn("request summary failed: {}", t.getClass().getName())),
                every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void record(Request req, Response res) {
        long nanos = Web.elapsedNanos(req);
        long micros = nanos < 0 ? -1 : nanos / 1000;
        int status = res.status();
        String method = req.requestMethod();
        String path = req.pathInfo();
        boolean poll = path != null && isPoll(method, path);
        boolean probe = path != null && (path.equals("/livez") || path.equals("/healthz"));
        if (nanos >= 0) {
            String route = poll ? POLL_ROUTE : probe ? path
                    : req.attribute(UNMATCHED) != null ? RouteTemplates.UNMATCHED : routes.label(method, path, status);
            metrics.record(METHODS.contains(method) ? method : "other", route, status, nanos);
        }
        if (status < 400 && micros >= 0 && path != null) {
            if (poll) {
                polls.recordValue(micros);
                return;
            }
            if (probe) {
                probes.recordValue(micros);
                return;
            }
        }
        LOG.info("{} {} {} {}us", LogSafe.text(method), LogSafe.text(PathTemplate.of(path)), status, micros);
    }

    private static boolean isPoll(String method, String path) {
        return method.equals("POST") && path.startsWith("/api/therapy-sessions/") && path.endsWith("/actions/sync");
    }

    /** Writes the summary line of the interval just ended (nothing when it was quiet). */
    void summarize() {
        summarize("polls", polls.getIntervalHistogram());
        summarize("health probes", probes.getIntervalHistogram());
    }

    private void summarize(String what, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        LOG.info("{} answered in the last {} s: {} ({}/s), p50 {}us p99 {}us max {}us", what, every.toSeconds(),
                h.getTotalCount(), h.getTotalCount() / Math.max(1, every.toSeconds()), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getMaxValue());
    }

    @Override
    public void close() {
        summaries.shutdownNow();
        summarize();
    }
}
