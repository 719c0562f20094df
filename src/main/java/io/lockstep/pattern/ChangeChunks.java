package io.lockstep.pattern;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Splits an encoded-changes payload into Automerge chunks (magic, 4-byte checksum, type, LEB128 length, body) and
 * verifies each checksum. Automerge ignores garbage silently, so when applying a payload moved no heads this tells
 * garbage apart from changes it already has or has queued for missing dependencies; when it did, the chunks say
 * which objects the changes wrote to (ChangeSummary).
 */
final class ChangeChunks {

    /** One chunk: whether it is a change (else a whole document), its hash, and its body, inflated if compressed. */
    record Chunk(boolean change, byte[] hash, byte[] body) {
    }

    private static final byte[] MAGIC = {(byte) 0x85, 0x6f, 0x4a, (byte) 0x83};
    private static final int DOCUMENT = 0;
    private static final int CHANGE = 1;
    private static final int COMPRESSED_CHANGE = 2;
    private static final int MAX_INFLATED = 1 << 24;

    private ChangeChunks() {
    }

    /** The hashes of the changes in the payload (whole-document chunks carry none); throws if it is not well formed. */
    static List<byte[]> changeHashes(byte[] payload) throws PatternException {
        return split(payload).stream().filter(Chunk::change).map(Chunk::hash).toList();
    }

    /** The payload's chunks, in order; throws BAD_CHANGE if it is not well formed. */
    static List<Chunk> split(byte[] payload) throws PatternException {
        List<Chunk> chunks = new ArrayList<>();
        int pos = 0;
        if (payload.length == 0) {
            throw bad("empty payload");
        }
        while (pos < payload.length) {
            if (payload.length - pos < 10 || !Arrays.equals(payload, pos, pos + 4, MAGIC, 0, 4)) {
                throw bad("no Automerge chunk at byte " + pos);
            }
            byte[] checksum = Arrays.copyOfRange(payload, pos + 4, pos + 8);
            int type = payload[pos + 8];
            long length = 0;
            int shift = 0;
            int cursor = pos + 9;
            while (true) {
                if (cursor >= payload.length || shift > 28) {
                    throw bad("bad chunk length at byte " + pos);
                }
                int b = payload[cursor++] & 0xff;
                length |= (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (length > payload.length - cursor) {
                throw bad("truncated chunk at byte " + pos);
            }
            byte[] body = Arrays.copyOfRange(payload, cursor, cursor + (int) length);
            if (type == COMPRESSED_CHANGE) {
                body = inflate(body);
            } else if (type != DOCUMENT && type != CHANGE) {
                throw bad("unknown chunk type " + type);
            }
            byte[] hash = hash(type == DOCUMENT ? DOCUMENT : CHANGE, body);
            if (!Arrays.equals(hash, 0, 4, checksum, 0, 4)) {
                throw bad("checksum mismatch at byte " + pos);
            }
            chunks.add(new Chunk(type != DOCUMENT, hash, body));
            pos = cursor + (int) length;
        }
        return chunks;
    }

    private static byte[] hash(int type, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) type);
            long n = body.length;
            do {
                byte b = (byte) (n & 0x7f);
                n >>>= 7;
                sha.update(n != 0 ? (byte) (b | 0x80) : b);
            } while (n != 0);
            return sha.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] inflate(byte[] deflated) throws PatternException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw bad("truncated compressed change");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED) {
                    throw bad("compressed change too large");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw bad("bad compressed change");
        } finally {
            inflater.end();
        }
    }

    private static PatternException bad(String message) {
        return new PatternException(PatternException.BAD_CHANGE, message);
    }
}
