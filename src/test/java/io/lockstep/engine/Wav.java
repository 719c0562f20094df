package io.lockstep.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A 16-bit PCM WAV file as float channels (what scsynth's NRT mode and jack_rec write). */
record Wav(int sampleRate, float[][] channels) {

    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    static Wav read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        int channelCount = 0;
        int sampleRate = 0;
        while (b.remaining() >= 8) {
            String id = chunkId(b);
            int size = b.getInt();
            int body = b.position();
            if (id.equals("fmt ")) {
                int format = b.getShort() & 0xFFFF;
                channelCount = b.getShort();
                sampleRate = b.getInt();
                b.position(body + 14);
                int bits = b.getShort();
                if ((format != PCM && format != EXTENSIBLE) || bits != 16) {
                    throw new IOException(file + ": only 16-bit PCM is read here, found format " + format + " with " + bits + " bits");
                }
            } else if (id.equals("data")) {
                // jack_rec may leave the data size unset when stopped early: read what is there.
                int frames = Math.min(size, b.remaining()) / (2 * channelCount);
                float[][] channels = new float[channelCount][frames];
                for (int f = 0; f < frames; f++) {
                    for (int c = 0; c < channelCount; c++) {
                        channels[c][f] = b.getShort() / 32768f;
                    }
                }
                return new Wav(sampleRate, channels);
            }
            b.position(body + size + (size & 1));
        }
        throw new IOException(file + " has no data chunk");
    }

    private static String chunkId(ByteBuffer b) {
        byte[] id = new byte[4];
        b.get(id);
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
