package io.lockstep.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Puts the parts of a frame that the JDK's WebSocket hands to a listener back together: one per socket, text and
 * binary kept apart as the protocol never interleaves them. Not thread-safe: the JDK delivers a socket's parts in order.
 */
public final class FrameParts {

    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    /** Adds a text part; the whole frame once {@code last}, empty while parts are still coming. */
    public Optional<String> text(CharSequence part, boolean last) {
        text.append(part);
        if (!last) {
            return Optional.empty();
        }
        String whole = text.toString();
        text.setLength(0);
        return Optional.of(whole);
    }

    /** Adds a binary part; the whole frame once {@code last}, empty while parts are still coming. */
    public Optional<byte[]> binary(ByteBuffer part, boolean last) {
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk);
        binary.writeBytes(chunk);
        if (!last) {
            return Optional.empty();
        }
        byte[] whole = binary.toByteArray();
        binary.reset();
        return Optional.of(whole);
    }
}
