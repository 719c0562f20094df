package io.lockstep.engine;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import io.lockstep.schedule.Bundle;
import io.lockstep.schedule.Note;
import io.lockstep.schedule.TimeTag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundleCodecTest {

    @Test
    void aBundleSurvivesTheWireAsOneSNewPerNoteAtItsNtpTime() throws Exception {
        long at = 1_700_000_000_250_000_000L;
        Bundle bundle = new Bundle(7, at, List.of(new Note("kick", 0.75f, 36), new Note("bass", 0.5f, 43)));

        ByteBuffer wire = ByteBuffer.allocate(1024);
        OSCSerializerAndParserBuilder osc = new OSCSerializerAndParserBuilder();
        osc.buildSerializer(new BufferBytesReceiver(wire)).write(BundleCodec.encode(bundle, 2));
        wire.flip();
        OSCBundle parsed = (OSCBundle) osc.buildParser().convert(wire);

        // 1700000000 s after 1970 is 3908988800 s after 1900; 0.25 s is a quarter of 2^32.
        assertThat(parsed.getTimestamp().getSeconds()).isEqualTo(3_908_988_800L);
        assertThat(parsed.getTimestamp().getFraction()).isEqualTo(1L << 30);
        assertThat(parsed.getTimestamp().getNtpTime()).isEqualTo(TimeTag.ofEpochNanos(at).bits());
        assertThat(parsed.getPackets()).map(p -> ((OSCMessage) p).getArguments()).containsExactly(
                List.of("kick", -1, 0, 0, "out", 2, "amp", 0.75f, "note", 36),
                List.of("bass", -1, 0, 0, "out", 2, "amp", 0.5f, "note", 43));
    }
}
