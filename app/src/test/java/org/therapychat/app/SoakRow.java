package org.therapychat.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One minute of a soak run ({@code bin/soak}): the app process's heap after a full GC, resident
 * memory, open files, threads, and the size of the embedded database file, read from /proc and
 * jcmd. Open files are counted apart from sockets: the sockets follow the load generator's
 * connections as they come and go (at most its connection count and the listener), a leak shows in
 * the files, pipes and other descriptors. Then whether the run held its targets: heap after GC and
 * open files (all, and without sockets) at the end within 10 % of minute 5, the H2 file at most
 * twice its size at minute 5.
 */
record SoakRow(int minute, double pollsPerSecond, long errors, long heapAfterGcMiB, long rssMiB, int openFiles,
               int sockets, int threads, long dbFileMiB) {
    private static final String HEADER = String.format("%6s %8s %6s %10s %7s %10s %7s %7s %9s", "minute", "polls/s", "errors",
            "heap-GC MB", "RSS MB", "open files", "sockets", "threads", "H2 MB");

    static SoakRow of(int minute, double pollsPerSecond, long errors, long pid, Path dataDir) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        String status = Files.readString(proc.resolve("status"));
        List<String> fds;
        try (var listed = Files.list(proc.resolve("fd"))) {
            fds = listed.map(SoakRow::target).toList();
        }
        int sockets = (int) fds.stream().filter(t -> t.startsWith("socket:")).count();
        Path h2 = dataDir.resolve("therapychat.mv.db");
        return new SoakRow(minute, pollsPerSecond, errors, heapAfterGcMiB(pid), field(status, "VmRSS") / 1024, fds.size(),
                sockets, (int) field(status, "Threads"), Files.exists(h2) ? Files.size(h2) >> 20 : -1);
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    private static long field(String status, String name) {
        Matcher m = Pattern.compile(name + ":\\s+([0-9]+)").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long heapAfterGcMiB(long pid) {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            run(jcmd, Long.toString(pid), "GC.run");
            Matcher used = Pattern.compile("used ([0-9]+)K").matcher(run(jcmd, Long.toString(pid), "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    String line() {
        return String.format("%6d %8.0f %6d %10d %7d %10d %7d %7d %9d", minute, pollsPerSecond, errors, heapAfterGcMiB, rssMiB,
                openFiles, sockets, threads, dbFileMiB);
    }

    static void printTable(List<SoakRow> rows) {
        System.out.println(HEADER);
        rows.forEach(r -> System.out.println(r.line()));
        SoakRow last = rows.get(rows.size() - 1);
        SoakRow base = rows.get(rows.size() >= 5 ? 4 : 0);
        int baseFiles = base.openFiles - base.sockets;
        int lastFiles = last.openFiles - last.sockets;
        System.out.printf("targets (minute %d against minute %d): heap after GC %+.0f %% (within 10 %%: %s), "
                        + "open files %+.0f %% (within 10 %%: %s), open files without sockets %d -> %d %+.0f %% (within 10 %%: %s), "
                        + "most sockets in a sample %d, H2 file x%.2f (at most x2: %s)%n",
                last.minute, base.minute, change(base.heapAfterGcMiB, last.heapAfterGcMiB),
                within(base.heapAfterGcMiB, last.heapAfterGcMiB), change(base.openFiles, last.openFiles),
                within(base.openFiles, last.openFiles), baseFiles, lastFiles, change(baseFiles, lastFiles), within(baseFiles, lastFiles),
                rows.stream().mapToInt(SoakRow::sockets).max().orElse(0), ratio(base.dbFileMiB, last.dbFileMiB),
                ratio(base.dbFileMiB, last.dbFileMiB) <= 2 ? "yes" : "NO");
    }

    static String header() {
        return HEADER;
    }

    private static double change(long from, long to) {
        return from <= 0 ? 0 : 100.0 * (to - from) / from;
    }

    private static String within(long from, long to) {
        return Math.abs(change(from, to)) <= 10 ? "yes" : "NO";
    }

    private static double ratio(long from, long to) {
        return from <= 0 ? 1 : (double) to / from;
    }
}
