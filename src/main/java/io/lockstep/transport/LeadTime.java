package io.lockstep.transport;

import java.util.Collection;

/**
 * How far ahead a change is scheduled: the slowest member must receive it and have its engine plan it. A message
 * from the server can take up to a whole round trip under asymmetric jitter (rtt/2 would assume symmetry), the
 * member's clock may be off by its uncertainty, and engines need {@value #PREPARE_MICROS} µs to plan and hand
 * bundles to scsynth. The floor covers a busy server thread; the cap keeps a member on a dreadful link from
 * stalling the room (it falls in as a late joiner instead).
 */
public final class LeadTime {

    static final long PREPARE_MICROS = 50_000L;
    static final long FLOOR_MICROS = 100_000L;
    static final long CAP_MICROS = 2_000_000L;

    /** A member's round trip to the server and its clock uncertainty, in microseconds. */
    public record Link(long rttMicros, long uncertaintyMicros) {
    }

    private LeadTime() {
    }

    public static long forMembers(Collection<Link> links) {
        long slowest = links.stream().mapToLong(l -> l.rttMicros() + l.uncertaintyMicros()).max().orElse(0);
        return Math.clamp(slowest + PREPARE_MICROS, FLOOR_MICROS, CAP_MICROS);
    }
}
