package org.therapychat.app;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Not a test (a diagnostic for the README's "missed wakes"): two packaged jars on one PostgreSQL; a
 * writer's sync on instance B is acknowledged, and right after it a reader syncs on instance A.
 * How often does A answer "nothing new" from its heads snapshot (read every 100 ms, trusted 500 ms)
 * for an action B has already acknowledged? On this machine: 25 of 150 rounds. A poll may miss it
 * by design (the next poll brings it); a sync made for a wake frame must not, and does when nginx
 * sends it to the instance that has not heard the NOTIFY yet. Run it with the classpath of
 * {@code bin/bench-fleet}: {@code java -cp … org.therapychat.app.FleetStaleProbe} ({@code -Drounds=150}).
 */
public final class FleetStaleProbe {
    private static final Pattern MAX_ID = Pattern.compile("\"maxID\":([0-9]+)");
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":\\[\\{[^}]*\"id\":([0-9]+)");
    private static final String SYNC = "/api/therapy-sessions/P0/actions/sync";

    private FleetStaleProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 150);
        try (Fleet fleet = Fleet.start(2, Map.of(), false)) {
            String[] cookies = fleet.logIn(2, 2, "P");
            try (LoadClient a = new LoadClient("http://127.0.0.1:" + fleet.instances.get(0).port(), 4);
                 LoadClient b = new LoadClient("http://127.0.0.1:" + fleet.instances.get(1).port(), 4)) {
                long readerMax = 0;
                int misses = 0;
                for (int i = 0; i < rounds; i++) {
                    // the reader's poll keeps A watching the chat, and refreshes land between rounds
                    readerMax = Math.max(readerMax, first(MAX_ID, sync(a, cookies[1], readerMax, "")));
                    Thread.sleep(120);
                    long acknowledged = first(ACCEPTED, sync(b, cookies[0], 0,
                            "{\"clientId\":\"p" + i + "\",\"type\":\"message\",\"body\":\"x\"}"));
                    long seen = first(MAX_ID, sync(a, cookies[1], readerMax, ""));
                    if (seen < acknowledged) {
                        misses++;
                    }
                    readerMax = Math.max(readerMax, seen);
                }
                System.out.printf("%d of %d rounds: a sync on instance A right after instance B acknowledged an action"
                        + " answered without it%n", misses, rounds);
            }
        }
        System.exit(0);
    }

    private static String sync(LoadClient instance, String cookie, long maxId, String action) throws Exception {
        return instance.send(HttpMethod.POST, SYNC, "tc_session=" + cookie, "{\"maxID\":" + maxId + ",\"actionQueue\":["
                + action + "]}").get().body();
    }

    private static long first(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return Long.parseLong(m.group(1));
    }
}
