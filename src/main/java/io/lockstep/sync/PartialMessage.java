package io.lockstep.sync;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Puts a message that arrives in parts back together, up to a size limit. The container hands over parts of
 * at most its small default buffer, so a socket costs memory only for what it actually sends; a message that
 * outgrows the limit is dropped part by part and refused once it ends.
 */
final class PartialMessage {

    private final int limit;
    private final String what;
    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();
    private boolean tooLarge;

    PartialMessage(int limit, String what) {
        this.limit = limit;
        this.what = what;
    }

    /** Adds a part; the whole message once {@code last}, empty while parts are still coming. */
    Optional<ByteBuffer> add(ByteBuffer part, boolean last) throws ProtocolException {
        if (last && parts.size() == 0 && !tooLarge && part.remaining() <= limit) {
            return Optional.of(part);
        }
        if (!tooLarge && parts.size() + part.remaining() <= limit) {
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            parts.writeBytes(bytes);
        } else {
            tooLarge = true;
            parts.reset();
        }
        if (!last) {
            return Optional.empty();
        }
        byte[] whole = parts.toByteArray();
        parts.reset();
        if (tooLarge) {
            tooLarge = false;
            throw new ProtocolException("FRAME_TOO_LARGE", what + " frames are limited to " + limit + " bytes");
        }
        return Optional.of(ByteBuffer.wrap(whole));
    }
}
