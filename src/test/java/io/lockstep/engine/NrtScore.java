package io.lockstep.engine;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.argument.OSCTimeTag64;
import io.lockstep.schedule.TimeTag;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A score for scsynth's non-realtime mode: bundles as [int32 big-endian size][bundle], time tags in seconds from 0. */
final class NrtScore {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** Adds a bundle to start {@code nanos} after the render begins (the bundle's own time tag is replaced). */
    NrtScore add(long nanos, OSCBundle bundle) throws IOException, OSCSerializeException {
        bundle.setTimestamp(OSCTimeTag64.valueOf(TimeTag.sinceZero(nanos).bits()));
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        new OSCSerializerAndParserBuilder().buildSerializer(new BufferBytesReceiver(buffer)).write(bundle);
        out.writeInt(buffer.position());
        out.write(buffer.array(), 0, buffer.position());
        return this;
    }

    NrtScore add(long nanos, OSCPacket... messages) throws IOException, OSCSerializeException {
        return add(nanos, new OSCBundle(List.of(messages)));
    }

    /** Renders the score to a 16-bit WAV; the render lasts until the last bundle's time. */
    Wav render(Path dir, int channels, int sampleRate) throws IOException, InterruptedException {
        Path score = dir.resolve("score.osc");
        Path wav = dir.resolve("out.wav");
        Files.write(score, bytes.toByteArray());
        Process scsynth = new ProcessBuilder("scsynth", "-o", String.valueOf(channels), "-N", score.toString(), "_", wav.toString(),
                String.valueOf(sampleRate), "WAV", "int16").redirectErrorStream(true).redirectOutput(dir.resolve("nrt.log").toFile()).start();
        int exit = scsynth.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("scsynth NRT failed (" + exit + "): " + Files.readString(dir.resolve("nrt.log")));
        }
        return Wav.read(wav);
    }

    static OSCMessage loadSynthdef(byte[] synthdef) {
        return new OSCMessage("/d_recv", List.of(ByteBuffer.wrap(synthdef)));
    }
}
