package org.therapychat.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.SmsSender;

/**
 * The development sender: appends each SMS as one JSON line {@code {"to","body","at"}} to a file
 * instead of sending it. Whole lines under a file lock, so several writers (threads or app
 * instances sharing a data directory) never interleave.
 */
public final class OutboxSmsSender implements SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSmsSender.class);
    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private final Clock clock;

    public OutboxSmsSender(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    @Override
    public void send(PhoneNumber to, String text) {
        byte[] line = line(to, text);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            synchronized (this) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                     FileLock lock = channel.lock()) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            }
        } catch (IOException e) {
            throw new PortFailure("The SMS outbox could not be written.", e);
        }
        LOG.info("SMS to {} written to the outbox {}", to.masked(), file);
    }

    private byte[] line(PhoneNumber to, String text) {
        ObjectNode node = json.createObjectNode();
        node.put("to", to.e164());
        node.put("body", text);
        node.put("at", clock.now().toString());
        try {
            return (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a flat JSON object always serialises", e);
        }
    }
}
