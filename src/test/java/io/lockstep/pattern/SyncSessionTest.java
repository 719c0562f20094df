package io.lockstep.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncSessionTest {

    /** Exchanges messages until neither side has anything more to say. */
    private static void sync(SyncSession a, SyncSession b) throws PatternException {
        for (int round = 0; round < 20; round++) {
            Optional<byte[]> toB = a.nextMessage();
            if (toB.isPresent()) {
                b.receive(toB.get());
            }
            Optional<byte[]> toA = b.nextMessage();
            if (toA.isPresent()) {
                a.receive(toA.get());
            }
            if (toA.isEmpty() && toB.isEmpty()) {
                return;
            }
        }
        throw new AssertionError("sync did not finish");
    }

    @Test
    void aStaleReplicaAndTheServerExchangeTheirOfflineEdits() throws PatternException {
        try (PatternDocument server = PatternDocument.newRoom();
             PatternDocument client = PatternDocument.load(server.save())) {
            server.edit(new Edit.ToggleStep("kick", 1));
            server.edit(new Edit.RenameTrack("bass", "Sub"));
            client.edit(new Edit.SetVelocity("hat", 0, 7));
            try (SyncSession s = server.startSync(); SyncSession c = client.startSync()) {
                sync(s, c);
            }
            assertThat(client.heads()).isEqualTo(server.heads());
            assertThat(client.pattern()).isEqualTo(server.pattern());
            assertThat(server.pattern().track("hat").orElseThrow().step(0).velocity()).isEqualTo(7);
            assertThat(client.pattern().track("bass").orElseThrow().name()).isEqualTo("Sub");
        }
    }

    @Test
    void whatTheServerGainsBySyncIsADeltaToForward() throws PatternException {
        try (PatternDocument server = PatternDocument.newRoom();
             PatternDocument client = PatternDocument.load(server.save());
             PatternDocument bystander = PatternDocument.load(server.save());
             SyncSession s = server.startSync(); SyncSession c = client.startSync()) {
            client.edit(new Edit.ToggleStep("snare", 3));
            byte[] forwarded = new byte[0];
            for (int round = 0; round < 10; round++) {
                Optional<byte[]> up = c.nextMessage();
                if (up.isPresent()) {
                    Delta delta = s.receive(up.get());
                    if (delta.changed()) {
                        forwarded = delta.changes();
                    }
                }
                s.nextMessage().ifPresent(down -> {
                    try {
                        c.receive(down);
                    } catch (PatternException e) {
                        throw new AssertionError(e);
                    }
                });
            }
            bystander.applyChanges(forwarded);
            assertThat(bystander.pattern()).isEqualTo(client.pattern());
        }
    }

    @Test
    void garbageIsNotASyncMessage() {
        try (PatternDocument server = PatternDocument.newRoom(); SyncSession s = server.startSync()) {
            var heads = server.heads();
            assertThatThrownBy(() -> s.receive(new byte[] {9, 9, 9})).isInstanceOfSatisfying(PatternException.class,
                    e -> assertThat(e.code()).isEqualTo(PatternException.BAD_SYNC));
            assertThat(server.heads()).isEqualTo(heads);
        }
    }

    @Test
    void aClosedSessionRefusesUse() {
        try (PatternDocument server = PatternDocument.newRoom()) {
            SyncSession s = server.startSync();
            s.close();
            assertThatThrownBy(s::nextMessage).isInstanceOf(IllegalStateException.class);
        }
    }
}
