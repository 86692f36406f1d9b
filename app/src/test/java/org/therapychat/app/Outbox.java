package org.therapychat.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads codes from the SMS outbox file, as a newcomer would with {@code tail}. */
final class Outbox {
    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");
    private final Path file;

    Outbox(Path dataDir) {
        this.file = dataDir.resolve("sms-outbox.jsonl");
    }

    /** How many SMS the outbox holds now. */
    int lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest code sent to this phone, waiting briefly for the background sender. */
    String codeFor(String e164) {
        return codeFor(e164, 0);
    }

    /** The newest code to this phone among the lines after the first {@code skipLines} (a code sent since then). */
    String codeFor(String e164, int skipLines) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = lines.size() - 1; i >= skipLines; i--) {
                        if (lines.get(i).contains("\"to\":\"" + e164 + "\"")) {
                            Matcher m = CODE.matcher(lines.get(i));
                            if (m.find()) {
                                return m.group(1);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AppProcess.sleep(20);
        }
        throw new AssertionError("no code for " + e164 + " in " + file);
    }
}
