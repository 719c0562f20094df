package io.lockstep.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScsynthTest {

    @Test
    void aMissingScsynthIsReportedClearly() {
        int nobody = Scsynth.freeUdpPort();
        try (Scsynth scsynth = Scsynth.connect(new InetSocketAddress("127.0.0.1", nobody), 0, 0)) {
            assertThatThrownBy(() -> scsynth.status(Duration.ofMillis(300)))
                    .isInstanceOf(EngineException.class).hasMessageContaining("not running or not reachable");
        }
    }

    @Test
    void loadsEveryInstrumentAndRefusesOneNeedingAMissingUGen(@TempDir Path dir) throws Exception {
        AudioServers.assumeInstalled("jackd", "jack_wait", "scsynth");
        try (AudioServers audio = new AudioServers(dir)) {
            Scsynth scsynth = audio.scsynth("loader").scsynth();
            assertThat(scsynth.status(Duration.ofSeconds(2)).synthdefs()).isEqualTo(Instruments.NAMES.size());

            // The kick renamed, and its SinOsc swapped for a UGen no scsynth has (same length, so the file stays valid).
            String kick = new String(Instruments.synthdef("kick"), StandardCharsets.ISO_8859_1);
            byte[] broken = kick.replace("kick", "kicz").replace("SinOsc", "SinOsz").getBytes(StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> scsynth.load("kicz", broken, Duration.ofSeconds(2)))
                    .isInstanceOf(EngineException.class).hasMessageContaining("kicz").hasMessageContaining("UGen");
        }
    }
}
