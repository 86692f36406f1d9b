package org.therapychat.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the app's process used, read from /proc: CPU time, resident memory, open sockets; heap after a GC via jcmd. */
record ServerStats(long pid, double cpuSeconds, long rssKiB, int sockets) {
    private static final double TICKS_PER_SECOND = 100.0;

    static ServerStats of(AppProcess process) {
        if (process == null) {
            return null;
        }
        long pid = process.pid();
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            Matcher rss = Pattern.compile("VmRSS:\\s+([0-9]+) kB").matcher(Files.readString(proc.resolve("status")));
            int sockets = 0;
            try (var fds = Files.list(proc.resolve("fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                            sockets++;
                        }
                    } catch (IOException gone) {
                        // closed while we looked
                    }
                }
            }
            return new ServerStats(pid, cpu, rss.find() ? Long.parseLong(rss.group(1)) : -1, sockets);
        } catch (IOException e) {
            return null;
        }
    }

    static void report(ServerStats before, ServerStats after, int seconds) {
        if (before == null || after == null) {
            System.out.println("server: runs inside the generator's JVM, no process figures");
            return;
        }
        double cpu = after.cpuSeconds - before.cpuSeconds;
        System.out.printf("server process: %.1f CPU-seconds in the %d s window = %.1f CPU-s/min; RSS %d MB; open sockets %d; "
                + "heap after GC %s%n", cpu, seconds, cpu * 60 / seconds, after.rssKiB / 1024, after.sockets, heapAfterGc(after.pid));
    }

    private static String heapAfterGc(long pid) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
            // G1 has one heap line; the serial collector one per generation (young, tenured): their sum
            Matcher used = Pattern.compile("(?:generation|heap)\\s+total [0-9]+K, used ([0-9]+)K").matcher(info);
            long kib = 0;
            boolean found = false;
            while (used.find()) {
                kib += Long.parseLong(used.group(1));
                found = true;
            }
            return found ? (kib / 1024) + " MB" : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
