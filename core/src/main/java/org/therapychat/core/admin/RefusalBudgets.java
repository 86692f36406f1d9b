package org.therapychat.core.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.therapychat.core.audit.Actor;

/**
 * How many refusals of each caller are recorded in a minute: up to the caller's budget one by one,
 * then an entry when the count over it reaches 1, 2, 4, 8 … (a flood that stops is in the trail
 * within a factor of two, in few entries), and the exact count with the first refusal of anyone in
 * a later minute. Only the current minute's callers are held: memory grows with the callers of one
 * minute, not with time. Not thread-safe: {@link StaffAccess} holds its lock while charging.
 */
final class RefusalBudgets {
    /** An entry to record: who, and the audit target (the call, or a count). */
    record Entry(Actor actor, String target) {
    }

    /** One caller's budget: {@code what} names their refusals in the counted entries. */
    record Caller(Actor actor, int perMinute, String what) {
    }

    private static final class Spent {
        private int recorded;
        private long notRecorded;
    }

    private final Map<Caller, Spent> spent = new LinkedHashMap<>();
    private long minute = Long.MIN_VALUE;

    /**
     * Charges one refusal of {@code caller}.
     *
     * @param caller whose budget pays
     * @param call the refused call, recorded while the budget lasts
     * @param now the minute (epoch minutes)
     * @return the entries to record, in order: possibly none
     */
    List<Entry> charge(Caller caller, String call, long now) {
        List<Entry> out = new ArrayList<>();
        if (now != minute) {
            spent.forEach((c, s) -> {
                // the exact count of the minute before, unless its last entry already said it
                if (s.notRecorded > 0 && Long.bitCount(s.notRecorded) != 1) {
                    out.add(new Entry(c.actor(), s.notRecorded + " more " + c.what() + " not recorded"));
                }
            });
            spent.clear();
            minute = now;
        }
        Spent s = spent.computeIfAbsent(caller, c -> new Spent());
        if (s.recorded < caller.perMinute()) {
            s.recorded++;
            out.add(new Entry(caller.actor(), call));
        } else {
            s.notRecorded++;
            if (Long.bitCount(s.notRecorded) == 1) {
                out.add(new Entry(caller.actor(), s.notRecorded + " " + caller.what() + " over the limit this minute"));
            }
        }
        return out;
    }

    /** How many callers' budgets are held (this minute's). */
    int held() {
        return spent.size();
    }
}
