package org.therapychat.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the app's process used, read from /proc: CPU time (also per thread, to group by thread name,
 * and the part spent in the kernel: writes, syncs, sockets), resident memory, open sockets; heap
 * after a GC via jcmd.
 */
record ServerStats(long pid, double cpuSeconds, double kernelSeconds, long rssKiB, int sockets,
                   Map<String, ThreadCpu> threads) {
    private static final double TICKS_PER_SECOND = 100.0;
    /** Digits in a thread's name (qtp123-45, C2 CompilerThread1) say nothing about what it does. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** One thread's name, its digits replaced by N, and its CPU seconds so far (of them in the kernel). */
    record ThreadCpu(String group, double cpuSeconds, double kernelSeconds) {
    }

    /** CPU seconds of a thread group between two snapshots, and the part of them in the kernel. */
    record GroupCpu(double cpuSeconds, double kernelSeconds) {
        GroupCpu plus(GroupCpu other) {
            return new GroupCpu(cpuSeconds + other.cpuSeconds, kernelSeconds + other.kernelSeconds);
        }
    }

    static ServerStats of(AppProcess process) {
        if (process == null) {
            return null;
        }
        long pid = process.pid();
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"));
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
            return new ServerStats(pid, cpuOf(stat), kernelOf(stat), rss.find() ? Long.parseLong(rss.group(1)) : -1, sockets, threads(proc));
        } catch (IOException e) {
            return null;
        }
    }

    /** utime + stime of a /proc stat line, in seconds. */
    private static double cpuOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** stime alone. */
    private static double kernelOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[12]) / TICKS_PER_SECOND;
    }

    private static Map<String, ThreadCpu> threads(Path proc) throws IOException {
        Map<String, ThreadCpu> threads = new HashMap<>();
        try (var tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    threads.put(task.getFileName().toString(), new ThreadCpu(DIGITS.matcher(name).replaceAll("N"), cpuOf(stat),
                            kernelOf(stat)));
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return threads;
    }

    /**
     * CPU seconds per thread group between two snapshots, largest first; what threads that ended in
     * between used shows as the rest of the process's figure.
     */
    static Map<String, GroupCpu> cpuByGroup(ServerStats before, ServerStats after) {
        Map<String, GroupCpu> groups = new HashMap<>();
        after.threads.forEach((tid, now) -> {
            ThreadCpu then = before.threads.get(tid);
            double used = now.cpuSeconds() - (then == null ? 0 : then.cpuSeconds());
            double kernel = now.kernelSeconds() - (then == null ? 0 : then.kernelSeconds());
            if (used > 0) {
                groups.merge(now.group(), new GroupCpu(used, kernel), GroupCpu::plus);
            }
        });
        Map<String, GroupCpu> sorted = new LinkedHashMap<>();
        groups.entrySet().stream()
                .sorted(Map.Entry.<String, GroupCpu>comparingByValue(
                        java.util.Comparator.comparingDouble(GroupCpu::cpuSeconds)).reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    static void report(ServerStats before, ServerStats after, int seconds) {
        if (before == null || after == null) {
            System.out.println("server: runs inside the generator's JVM, no process figures");
            return;
        }
        double cpu = after.cpuSeconds - before.cpuSeconds;
        System.out.printf("server process: %.1f CPU-seconds in the %d s window = %.1f CPU-s/min (%.1f of them in the kernel);"
                + " RSS %d MB; open sockets %d; heap after GC %s%n", cpu, seconds, cpu * 60 / seconds,
                (after.kernelSeconds - before.kernelSeconds) * 60 / seconds, after.rssKiB / 1024, after.sockets,
                heapAfterGc(after.pid));
        Map<String, GroupCpu> groups = cpuByGroup(before, after);
        double seen = groups.values().stream().mapToDouble(GroupCpu::cpuSeconds).sum();
        double compilers = groups.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(e -> e.getValue().cpuSeconds()).sum();
        StringBuilder line = new StringBuilder("server CPU-s by thread (in the kernel):");
        groups.entrySet().stream().filter(e -> e.getValue().cpuSeconds() >= 0.01).limit(8)
                .forEach(e -> line.append(String.format(" %s %.2f (%.2f),", e.getKey(), e.getValue().cpuSeconds(),
                        e.getValue().kernelSeconds())));
        line.append(String.format(" threads that ended %.2f; without the JIT compilers %.1f CPU-s/min",
                Math.max(0, cpu - seen), (cpu - compilers) * 60 / seconds));
        System.out.println(line);
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
