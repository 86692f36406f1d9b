package org.therapychat.app;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.therapychat.persistence.Database;
import org.therapychat.persistence.PgTimeouts;
import org.therapychat.persistence.study.StudyExport;
import org.therapychat.persistence.study.StudyImport;

/**
 * {@code export-data FILE} and {@code import-data FILE}: moving a study between databases
 * (SPEC §5), on the database {@code DATA_DIR} / {@code DATABASE_URL} name. The file holds phone
 * numbers and messages, so it is written readable by its owner only. It never holds login sessions,
 * pending codes, rate or presence rows or server secrets; an older version's file that does loads
 * without them, and says so on stderr.
 */
final class DataCommands {
    static final Set<String> NAMES = Set.of("export-data", "import-data");
    /** A study of a million actions takes minutes, not the seconds a request may. */
    private static final PgTimeouts LONG = new PgTimeouts(Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofHours(3));

    private DataCommands() {
    }

    static boolean isCommand(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /** Runs the command and answers the exit code: 0 done, 1 refused or failed, 2 used wrongly. */
    static int run(String[] args, Config config, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("therapychat: usage: " + args[0] + " FILE");
            return 2;
        }
        Path file = Path.of(args[1]);
        try (Database db = open(config)) {
            Map<String, Long> counts;
            if (args[0].equals("export-data")) {
                counts = export(db, file);
            } else {
                StudyImport.Loaded loaded = load(db, file);
                counts = loaded.stored();
                if (!loaded.skipped().isEmpty()) {
                    err.println("therapychat: import-data " + file + ": skipped " + loaded.skipped() + ": login sessions,"
                            + " pending codes, rate-limit and presence rows and server secrets are never imported"
                            + " (everyone logs in again; codes sent before the move expire)");
                }
            }
            out.println("therapychat: " + args[0] + " " + file + ": " + counts);
            return 0;
        } catch (StudyImport.Refused e) {
            err.println("therapychat: import-data refused " + file + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(DataCommands.class).debug("{} failed", args[0], e);
            String why = rootMessage(e);
            if (config.databaseUrl().isEmpty() && why.contains("already in use")) {
                why = "the embedded database under " + config.dataDir() + " is open in a running app: stop it first";
            }
            err.println("therapychat: " + args[0] + " failed: " + why);
            return 1;
        }
    }

    private static Database open(Config config) {
        Database db = config.databaseUrl().map(url -> Database.postgres(url, 2, LONG))
                .orElseGet(() -> Database.h2File(config.dataDir(), 2));
        return db.migrate();
    }

    private static Map<String, Long> export(Database db, Path file) {
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists already; name a new file");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            ownerOnly(partial);
            Map<String, Long> counts;
            try (Writer writer = new BufferedWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8), 1 << 16)) {
                counts = StudyExport.write(db, writer);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(file + " exists already", e);
        }
    }

    private static StudyImport.Loaded load(Database db, Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return StudyImport.read(db, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }
}
