// The song position from the room's timeline JSON (see Timeline.toMap on the server) and the client's clock:
// the same arithmetic as io.lockstep.transport.Segment/Timeline, so every member finds the same step.

const stepMicros = (bpm) => 60_000_000 / bpm / 4;

/** {step, fraction, playing} at server time `serverMicros` for a timeline {bpm, swing, segments:[{fromStep, untilStep|null, at, bpm, swing}]}. */
export function positionAt(timeline, serverMicros) {
  const segments = timeline.segments;
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i];
    if (s.at <= serverMicros) {
      const length = stepMicros(s.bpm);
      const end = s.untilStep === null ? Infinity : s.at + (s.untilStep - s.fromStep) * length;
      if (serverMicros >= end) return { step: s.untilStep, fraction: 0, playing: false };
      const steps = (serverMicros - s.at) / length;
      return { step: s.fromStep + Math.floor(steps), fraction: steps - Math.floor(steps), playing: true };
    }
  }
  return { step: segments.length ? segments[0].fromStep : 0, fraction: 0, playing: false };
}

/**
 * The song step heard last by server time `serverMicros`, or null when nothing plays: like positionAt, but an odd
 * step counts only once its swung time has come, so a playhead lights each step as it sounds.
 */
export function soundingStepAt(timeline, serverMicros) {
  const p = positionAt(timeline, serverMicros);
  if (!p.playing) return null;
  const s = timeline.segments.findLast((segment) => segment.at <= serverMicros);
  const late = ((p.step % 2) + 2) % 2 === 1 && p.fraction < s.swing && p.step > s.fromStep;
  return late ? p.step - 1 : p.step;
}

/** Server time at which song step `step` of segment `s` sounds (odd steps delayed by swing). */
export function timeOfStep(s, step) {
  const length = stepMicros(s.bpm);
  const straight = s.at + (step - s.fromStep) * length;
  return ((step % 2) + 2) % 2 === 1 ? straight + s.swing * length : straight;
}

/** A playhead for the UI: `clock` is a lockstep-clock ClockSync (or anything with serverNow()). */
export class Playhead {
  constructor(clock) {
    this.clock = clock;
    this.timeline = { bpm: 120, swing: 0, segments: [] };
  }

  setTimeline(timeline) { this.timeline = timeline; }

  /** Current song step, fraction and whether playing; the pattern step is step mod 16. */
  now() { return positionAt(this.timeline, this.clock.serverNow()); }

  /** The song step sounding now, or null when stopped. */
  sounding() { return soundingStepAt(this.timeline, this.clock.serverNow()); }
}
