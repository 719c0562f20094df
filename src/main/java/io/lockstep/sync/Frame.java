package io.lockstep.sync;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Binary frames carry CRDT payloads: one kind byte, then (client to server only) a 4-byte big-endian sequence
 * number that the server's ACK or ERROR echoes, then the payload.
 */
record Frame(Kind kind, long seq, byte[] payload) {

    private static final int HEADER = 5;

    enum Kind {
        CHANGES(0x01), DOCUMENT(0x02), SYNC(0x03);

        final byte tag;

        Kind(int tag) {
            this.tag = (byte) tag;
        }
    }

    /** The sequence number of a client frame long enough to have one, so even a refused frame's ERROR can echo it. */
    static Optional<Long> seqOf(ByteBuffer bytes) {
        return bytes.remaining() < HEADER ? Optional.empty()
                : Optional.of(Integer.toUnsignedLong(bytes.getInt(bytes.position() + 1)));
    }

    static Frame fromClient(ByteBuffer bytes) throws ProtocolException {
        if (bytes.remaining() < HEADER) {
            throw new ProtocolException("BAD_FRAME", "a binary frame is [kind:1][seq:4][payload]");
        }
        byte tag = bytes.get();
        long seq = Integer.toUnsignedLong(bytes.getInt());
        Kind kind = switch (tag) {
            case 0x01 -> Kind.CHANGES;
            case 0x03 -> Kind.SYNC;
            default -> throw new ProtocolException("BAD_FRAME", "unknown binary frame kind " + (tag & 0xff));
        };
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        return new Frame(kind, seq, payload);
    }

    /** The server's form: kind byte and payload, no sequence number. */
    static ByteBuffer toClient(Kind kind, byte[] payload) {
        return ByteBuffer.allocate(1 + payload.length).put(kind.tag).put(payload).flip();
    }
}
