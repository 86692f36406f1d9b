package org.therapychat.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.SmsSender;
import org.therapychat.core.login.SmsSenderContract;

class OutboxSmsSenderTest implements SmsSenderContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-24T17:00:00Z");

    @TempDir
    Path dir;
    private OutboxSmsSender sender;

    @Override
    public SmsSender smsSender() {
        sender = new OutboxSmsSender(dir.resolve("nested/sms-outbox.jsonl"), () -> AT);
        return sender;
    }

    @Override
    public List<String> deliveredTo(PhoneNumber phone) {
        return lines().stream().filter(l -> l.get("to").asText().equals(phone.e164())).map(l -> l.get("body").asText())
                .toList();
    }

    private List<JsonNode> lines() {
        try {
            if (!Files.exists(sender.file())) {
                return List.of();
            }
            return Files.readAllLines(sender.file()).stream().map(l -> {
                try {
                    return JSON.readTree(l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eachSmsIsOneJsonLineWithToBodyAndAt() throws IOException {
        smsSender().send(new PhoneNumber("+16505550100"), "line one\nline \"two\"");
        List<String> raw = Files.readAllLines(sender.file());
        assertThat(raw).hasSize(1);
        JsonNode line = JSON.readTree(raw.get(0));
        assertThat(line.get("to").asText()).isEqualTo("+16505550100");
        assertThat(line.get("body").asText()).isEqualTo("line one\nline \"two\"");
        assertThat(line.get("at").asText()).isEqualTo("2026-11-24T17:00:00Z");
    }

    @Test
    void appendsToAnExistingOutbox() {
        smsSender().send(new PhoneNumber("+16505550100"), "first");
        new OutboxSmsSender(sender.file(), () -> AT).send(new PhoneNumber("+16505550100"), "second");
        assertThat(deliveredTo(new PhoneNumber("+16505550100"))).containsExactly("first", "second");
    }
}
