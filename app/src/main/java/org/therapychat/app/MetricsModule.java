package org.therapychat.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.therapychat.core.login.BackgroundSmsSender;
import org.therapychat.core.login.LoginCounts;
import org.therapychat.core.login.LoginService;
import org.therapychat.persistence.Database;
import org.therapychat.persistence.JooqActionLog;
import org.therapychat.web.LiveSockets;
import org.therapychat.web.RequestMetrics;
import org.therapychat.web.Routes;

/**
 * {@code GET /metrics} (SPEC §5). Core and the adapters keep plain counters; here they are read
 * by Micrometer's function counters and gauges at scrape time, so the request path pays only
 * for its own latency timer.
 */
public final class MetricsModule extends AbstractModule {
    private final Optional<String> token;

    public MetricsModule(Optional<String> token) {
        this.token = token;
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(MetricsRoutes.class);
    }

    @Provides
    MetricsRoutes routes(PrometheusMeterRegistry registry) {
        return new MetricsRoutes(token, registry);
    }

    /** Without {@code METRICS_TOKEN} nobody can scrape: requests are not timed at all. */
    @Provides @Singleton
    RequestMetrics requestMetrics(com.google.inject.Provider<PrometheusMeterRegistry> registry) {
        return token.isPresent() ? new MicrometerRequestMetrics(registry.get()) : RequestMetrics.NONE;
    }

    @Provides @Singleton
    PrometheusMeterRegistry registry(JooqActionLog log, LoginService login, BackgroundSmsSender sms, LiveSockets live,
                                     Database db, DirectoryModule.Runtime directory) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        db.reportPoolTo(registry);

        counter(registry, "therapychat.log.reads", "Reads of what is new in a chat log (polls, live rooms)", log,
                JooqActionLog::readsFromMemory, "answered", "memory");
        counter(registry, "therapychat.log.reads", "Reads of what is new in a chat log (polls, live rooms)", log,
                JooqActionLog::readsFromDatabase, "answered", "database");
        counter(registry, "therapychat.actions.appended", "Actions stored through this instance", log,
                JooqActionLog::appends);

        LoginCounts logins = login.counts();
        counter(registry, "therapychat.logins.started", "Login starts and resends past the limits", logins,
                LoginCounts::started);
        counter(registry, "therapychat.logins.verified", "Logins completed with the right code", logins,
                LoginCounts::verified);
        for (LoginCounts.Refusal reason : LoginCounts.Refusal.values()) {
            counter(registry, "therapychat.logins.refused", "Login steps refused, by reason", logins,
                    c -> c.refused(reason), "reason", reason.name().toLowerCase(java.util.Locale.ROOT));
        }

        for (String outcome : new String[] {"sent", "failed", "dropped"}) {
            counter(registry, "therapychat.sms", "SMS codes handed to the provider, by outcome", sms,
                    s -> outcome(s.counts(), outcome), "outcome", outcome);
        }
        Gauge.builder("therapychat.sms.queued", sms, s -> s.counts().queued())
                .description("SMS codes waiting to be sent").register(registry);
        Gauge.builder("therapychat.live.sockets", live, LiveSockets::openCount)
                .description("Open live WebSockets on this instance").register(registry);
        directory.worker().ifPresent(w -> directoryMetrics(registry, w.sync(), directory));
        return registry;
    }

    /** SPEC §6 "REDCap down": how old the last good sync is, how many failed, and how many API calls were made. */
    private static void directoryMetrics(MeterRegistry registry, org.therapychat.core.admin.DirectorySync sync,
                                         DirectoryModule.Runtime directory) {
        Gauge.builder("therapychat.redcap.sync.age.seconds", sync, s -> s.status().lastSyncAt()
                        .map(at -> (System.currentTimeMillis() - at.toEpochMilli()) / 1000.0).orElse(Double.NaN))
                .description("Seconds since the last successful full REDCap sync (NaN before the first)").register(registry);
        Gauge.builder("therapychat.redcap.sync.failing", sync, s -> s.status().failingSince().isPresent() ? 1 : 0)
                .description("1 while REDCap syncs fail").register(registry);
        Gauge.builder("therapychat.redcap.skipped.records", sync, s -> s.status().skipped().size())
                .description("REDCap records the last sync could not use").register(registry);
        counter(registry, "therapychat.redcap.sync.failures", "Failed REDCap syncs", sync, s -> s.status().failures());
        counter(registry, "therapychat.redcap.api.calls", "Calls made to REDCap's API", directory,
                DirectoryModule.Runtime::calls);
    }

    private static double outcome(BackgroundSmsSender.Counts counts, String outcome) {
        return switch (outcome) {
            case "sent" -> counts.sent();
            case "failed" -> counts.failed();
            default -> counts.dropped();
        };
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source,
                                    ToDoubleFunction<T> value, String... tags) {
        FunctionCounter.builder(name, source, value).description(description).tags(tags).register(registry);
    }
}
