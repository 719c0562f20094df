package io.lockstep.schedule;

import io.lockstep.pattern.Pattern;
import io.lockstep.transport.Timeline;

/** What an engine plays from at one moment: the room's pattern and timeline, and this machine's clock offset (server minus local, µs). */
public record Playback(Pattern pattern, Timeline timeline, long offsetMicros) {
}
