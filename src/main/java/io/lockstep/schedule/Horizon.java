package io.lockstep.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides what to send scsynth now. A bundle in scsynth cannot be recalled, so only the steps due within a short
 * horizon are sent, each once; later steps stay unsent and follow every edit. Not thread-safe: one engine loop owns it.
 */
public final class Horizon {

    private final long aheadNanos;
    private final double latencyMillis;
    /** Steps sent recently, by song step: never sent again while remembered, whatever the timeline or clock offset says now. */
    private final Map<Long, Long> pending = new TreeMap<>();

    /**
     * @param aheadNanos    how far ahead of now to send; an edit is heard from the first step after now + ahead
     * @param latencyMillis this machine's output latency compensation, either sign
     */
    public Horizon(long aheadNanos, double latencyMillis) {
        if (aheadNanos <= 0) {
            throw new IllegalArgumentException("the horizon must be ahead of now, was " + aheadNanos + " ns");
        }
        this.aheadNanos = aheadNanos;
        this.latencyMillis = latencyMillis;
    }

    /** The bundles to send at local time {@code nowNanos}: steps due before now + horizon that were not sent yet. */
    public List<Bundle> due(Playback playback, long nowNanos) {
        // Forget a step only a horizon after it sounded: a clock correction that moves it later must not replay it.
        pending.values().removeIf(at -> at < nowNanos - aheadNanos);
        Alignment alignment = new Alignment(playback.offsetMicros(), latencyMillis);
        List<Bundle> due = new ArrayList<>();
        for (Bundle bundle : Score.between(playback.pattern(), playback.timeline(), alignment, nowNanos, nowNanos + aheadNanos)) {
            if (pending.putIfAbsent(bundle.step(), bundle.atNanos()) == null) {
                due.add(bundle);
            }
        }
        return due;
    }

    public long aheadNanos() {
        return aheadNanos;
    }
}
