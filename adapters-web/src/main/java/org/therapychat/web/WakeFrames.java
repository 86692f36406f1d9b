package org.therapychat.web;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.live.Wake;

/**
 * The text of a wake frame for the listeners handed one {@link Wake}: {@code {"type":"wake","maxID","after","data"}}, at most
 * {@link #MAX_FRAME_BYTES} of UTF-8. A wake whose actions would not fit (a catch-up after the change
 * feed was down: 500 messages of escaped text made 5 MB, over the 1 MiB a socket may hold unsent, and
 * dropped every listener of the room) goes out as {@code {"type":"wake","maxID":N}} with no data:
 * the client syncs, in pages, as after any wake it cannot apply. Writing stops at the budget, so an
 * oversized wake costs at most the budget's worth of JSON per listener.
 */
final class WakeFrames {
    /** A quarter of what a socket may hold unsent, so a few frames in flight never get it dropped. */
    static final int MAX_FRAME_BYTES = 256 * 1024;
    private final Web web;

    WakeFrames(Web web) {
        this.web = web;
    }

    /** The frame's UTF-8 bytes, made once per {@link Wake} and shared by every listener handed it. */
    byte[] utf8(Wake wake) {
        return wake.encoded(w -> text(w).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The frame as core handed it: core keeps a {@code clientId} only on the listener's own actions,
     * so the text is the same for every listener of the wake.
     */
    String text(Wake wake) {
        if (surelyOver(wake)) {
            return bare(wake);
        }
        Budget out = new Budget(MAX_FRAME_BYTES);
        try (JsonGenerator json = web.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", "wake");
            json.writeNumberField("maxID", wake.maxId());
            json.writeNumberField("after", wake.after());
            json.writeArrayFieldStart("data");
            for (StoredAction a : wake.data()) {
                json.writeTree(ActionJson.asHanded(web, a));
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (OverBudget e) {
            return bare(wake);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory does not fail", e);
        }
        return out.text();
    }

    /** Every character of a message body is at least a byte of the frame: no need to write it to know. */
    private static boolean surelyOver(Wake wake) {
        long bodies = 0;
        for (StoredAction a : wake.data()) {
            if (a.action() instanceof Action.Message m) {
                bodies += m.body().length();
            }
        }
        return bodies > MAX_FRAME_BYTES;
    }

    private String bare(Wake wake) {
        return web.text(web.object().put("type", "wake").put("maxID", wake.maxId()));
    }

    /** Thrown by {@link Budget} when the frame would pass it. */
    private static final class OverBudget extends IOException {
        OverBudget() {
            super("over the frame budget", null);
        }
    }

    /** A string writer that counts UTF-8 bytes and refuses to pass a limit. */
    private static final class Budget extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int limit;
        private long bytes;

        Budget(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            if (bytes > limit) {
                throw new OverBudget();
            }
            text.append(chars, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String text() {
            return text.toString();
        }
    }
}
