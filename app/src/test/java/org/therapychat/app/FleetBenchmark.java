package org.therapychat.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;

/**
 * The capacity of a fleet (README, "Running several instances"): 1, 2 and 3 packaged jars on one
 * PostgreSQL behind nginx running the shipped {@code deploy/nginx.conf}, each participant a browser
 * as in {@link FleetIT} (a live socket through nginx, polls every 25 s, a message every 100 s on
 * average). For each fleet size, participants per instance go up a ladder until the p99 of the
 * delivery (sender's acknowledgement → every other member has it) or of the syncs passes 1 s (or a
 * request fails); the table gives the largest step whose p99s held 50 ms, and a grid of every
 * step's p99s. Then PostgreSQL's own NOTIFY rate and the connections each fleet holds. Not a test:
 * run {@code bin/bench-fleet}.
 *
 * <p>Options as -D: {@code ladder} (participants per instance, default 100,250,500,1000,2000),
 * {@code instances} (default 1,2,3), {@code seconds} (measured per step, default 15), {@code warmup}
 * (default 5), {@code limit} (p99 bound in ms, default 50), {@code stop} (p99 that ends a ladder,
 * default 1000), {@code slow} (print up to this many deliveries over 5 s per step, default 0).
 */
public final class FleetBenchmark {
    private static final int PER_SESSION = 10;
    private static final double MESSAGES_PER_PARTICIPANT_SECOND = 0.01;

    private final int[] ladder = ints(System.getProperty("ladder", "100,250,500,1000,2000"));
    private final int[] fleetSizes = ints(System.getProperty("instances", "1,2,3"));
    private final int seconds = Integer.getInteger("seconds", 15);
    private final int warmup = Integer.getInteger("warmup", 5);
    private final double limitMillis = Double.parseDouble(System.getProperty("limit", "50"));
    /** The ladder goes on past the limit (to show the trend) until a p99 passes this, or a request fails. */
    private final double stopMillis = Double.parseDouble(System.getProperty("stop", "1000"));

    public static void main(String[] args) throws Exception {
        new FleetBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("cores=%d ladder %s participants per instance in chats of %d, %.2f messages/s per participant,"
                + " steps of %d s after %d s warm-up; p99 bound %.0f ms%n", Runtime.getRuntime().availableProcessors(),
                Arrays.toString(ladder), PER_SESSION, MESSAGES_PER_PARTICIPANT_SECOND, seconds, warmup, limitMillis);
        List<String> table = new ArrayList<>();
        List<String> grid = new ArrayList<>();
        try (Fleet fleet = Fleet.start(1, Map.of(), false)) {
            String[] cookies = new String[0];
            for (int size : fleetSizes) {
                fleet.resize(size);
                int connections = postgresConnections(fleet);
                // fresh instances compile the hot paths first: a round at the first step, not measured
                cookies = enough(fleet, cookies, ladder[0] * size);
                System.out.printf("%d instance(s), warm-up: %s%n", size, step(fleet, Arrays.copyOf(cookies, ladder[0] * size), 20));
                int held = 0;
                String heldLine = "none held";
                StringBuilder row = new StringBuilder("| " + size + " |");
                boolean stopped = false;
                for (int perInstance : ladder) {
                    if (stopped) {
                        row.append(" — |");
                        continue;
                    }
                    cookies = enough(fleet, cookies, perInstance * size);
                    Step step = step(fleet, Arrays.copyOf(cookies, perInstance * size), warmup);
                    System.out.printf("%d instance(s), %d participants (%d each): %s%n", size, perInstance * size, perInstance,
                            step);
                    row.append(String.format(" %.0f / %.0f ms (load %s) |", ms(step.delivery(), 99), ms(step.syncs(), 99),
                            step.load()));
                    if (step.within(limitMillis)) {
                        held = perInstance;
                        heldLine = step.toString();
                    }
                    stopped = !step.within(stopMillis);
                }
                grid.add(row.toString());
                table.add(String.format("| %d | %,d | %,d | %s | %d |", size, held, held * size, heldLine, connections));
            }
            double notifies = notifyRate(fleet);
            System.out.printf("%nPostgreSQL NOTIFY with one listener: %.0f notifications/s (4 senders, 5 s)%n", notifies);
        }
        System.out.printf("%n| instances | participants per instance at p99 ≤ %.0f ms | participants | at that step | PostgreSQL"
                + " connections held |%n|---|---|---|---|---|%n", limitMillis);
        table.forEach(System.out::println);
        StringBuilder header = new StringBuilder("| instances |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int perInstance : ladder) {
            header.append(" ").append(perInstance).append(" per instance: delivery / sync p99 |");
            rule.append("---|");
        }
        System.out.printf("%n%s%n%s%n", header, rule);
        grid.forEach(System.out::println);
    }

    /** The cookies of at least {@code needed} participants, logging more in (rounded up to whole chats) when short. */
    private static String[] enough(Fleet fleet, String[] cookies, int needed) throws Exception {
        if (cookies.length >= needed) {
            return cookies;
        }
        int more = (needed - cookies.length + PER_SESSION - 1) / PER_SESSION * PER_SESSION;
        long started = System.nanoTime();
        String[] added = fleet.logIn(cookies.length, more, PER_SESSION, "B");
        System.out.printf("setup: %d more participants logged in and entered in %.1f s%n", more, (System.nanoTime() - started) / 1e9);
        String[] all = Arrays.copyOf(cookies, cookies.length + more);
        System.arraycopy(added, 0, all, cookies.length, more);
        return all;
    }

    private record Step(int open, Histogram delivery, Histogram syncs, long missed, long failed, String load) {
        boolean within(double limit) {
            return missed == 0 && failed == 0 && delivery.getTotalCount() > 0 && ms(delivery, 99) <= limit
                    && ms(syncs, 99) <= limit;
        }

        @Override
        public String toString() {
            return String.format("%d sockets; delivery p50/p99 %.1f / %.1f ms (n=%d); syncs p50/p99 %.1f / %.1f ms (n=%d); "
                    + "missed %d, failed requests %d; load average %s", open, ms(delivery, 50), ms(delivery, 99),
                    delivery.getTotalCount(), ms(syncs, 50), ms(syncs, 99), syncs.getTotalCount(), missed, failed, load);
        }
    }

    private Step step(Fleet fleet, String[] cookies, int warmup) throws Exception {
        try (Browsers browsers = new Browsers(fleet.base(), cookies, "B", PER_SESSION, 128)) {
            browsers.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (browsers.open() < cookies.length && System.nanoTime() < deadline) {
                AppProcess.sleep(100);
            }
            browsers.sendMessages("b" + System.nanoTime() + "-", cookies.length * MESSAGES_PER_PARTICIPANT_SECOND);
            AppProcess.sleep(TimeUnit.SECONDS.toMillis(warmup));
            browsers.takeSyncLatency();
            long from = System.nanoTime();
            AppProcess.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long to = System.nanoTime();
            Histogram syncs = browsers.takeSyncLatency();
            browsers.slow.stream().limit(Integer.getInteger("slow", 0)).forEach(l -> System.out.println("  slow: " + l));
            browsers.stopSending();
            browsers.awaitQuiet(30);
            browsers.syncEveryone(30);
            return new Step((int) browsers.open(), browsers.deliveryBetween(from, to), syncs, browsers.missedDeliveries(),
                    browsers.failedRequests.get(), loadAverage());
        }
    }

    /** Connections to PostgreSQL from anything but this query, once every instance is up and has served a little. */
    private static int postgresConnections(Fleet fleet) throws Exception {
        try (Connection c = DriverManager.getConnection(fleet.postgres.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                     + " AND pid <> pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** NOTIFYs per second PostgreSQL takes from 4 autocommit senders while one connection listens and drains. */
    private static double notifyRate(Fleet fleet) throws Exception {
        String url = fleet.postgres.getJdbcUrl("postgres", "postgres");
        AtomicLong sent = new AtomicLong();
        AtomicLong received = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (Connection listener = DriverManager.getConnection(url); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN bench");
            ExecutorService senders = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                senders.submit(() -> {
                    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                        while (System.nanoTime() < end) {
                            s.execute("SELECT pg_notify('bench', 'ACTION_LOG:S1 12345')");
                            sent.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            while (System.nanoTime() < end + TimeUnit.SECONDS.toNanos(2)) {
                var got = pg.getNotifications(200);
                received.addAndGet(got == null ? 0 : got.length);
            }
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.SECONDS);
        }
        System.out.printf("NOTIFY: %d sent, %d heard by the listener%n", sent.get(), received.get());
        return sent.get() / 5.0;
    }

    /** The machine's 1-minute load average (2 cores: above 2, processes queue for a core). */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    }
}
