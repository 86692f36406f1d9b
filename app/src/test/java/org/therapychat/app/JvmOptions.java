package org.therapychat.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JVM options of {@code bin/jvm-options}: what {@code bin/run} starts the packaged jar with. */
final class JvmOptions {
    private JvmOptions() {
    }

    /** From the app module (tests) or the repository root (benchmarks). */
    static List<String> defaults() {
        Path file = Files.exists(Path.of("bin", "jvm-options")) ? Path.of("bin", "jvm-options") : Path.of("..", "bin", "jvm-options");
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("bin/jvm-options holds the app's JVM options", e);
        }
    }
}
