// The browser clock estimator on simulated time: node --test src/test/node/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ClockSync, ClockEstimator, BURST_PINGS, FIRST_SYNC_MICROS } from '../../../frontend/lockstep-clock.js';
import { positionAt, soundingStepAt, timeOfStep } from '../../../frontend/lockstep-playhead.js';

const START = 1_750_000_000_000_000;

/** Deterministic random numbers (mulberry32), so failures reproduce. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A client whose clock is off by `offset` and `driftPpm`, behind a link with the given one-way delays; 10 ms ticks. */
function simulate({ seed, offset, driftPpm, up, down, minutes, playing = true }) {
  const rnd = random(seed);
  let trueNow = START;
  const local = (t) => t + offset + Math.round(driftPpm * 1e-6 * (t - START));
  const inFlight = [];
  const pings = [];
  const sync = new ClockSync((ping) => {
    pings.push(trueNow);
    const t2 = trueNow + up(rnd);
    const t3 = t2 + 40;
    inFlight.push({ arrives: t3 + down(rnd), pong: { type: 'TIME_PONG', id: ping.id, t1: ping.t1, t2, t3 } });
  }, { now: () => local(trueNow), playing: () => playing });
  const errors = [];
  while (trueNow < START + minutes * 60_000_000) {
    trueNow += 10_000;
    inFlight.sort((a, b) => a.arrives - b.arrives);
    const tick = trueNow;
    while (inFlight.length && inFlight[0].arrives <= tick) {
      const { arrives, pong } = inFlight.shift();
      trueNow = arrives; // read the clock when the pong arrives, not at the tick
      sync.receive(pong);
    }
    trueNow = tick;
    sync.tick();
    if (trueNow > START + 2_000_000) errors.push(Math.abs(sync.serverNow() - trueNow));
  }
  return { errors, pings, sync };
}

const fixed = (d) => () => d;
const uniform = (base, jitter) => (r) => base - jitter + Math.floor(r() * 2 * jitter);
const queueing = (base, jitter) => (r) => base - jitter + Math.floor(Math.min(2 * jitter, -Math.log(1 - r()) * jitter / 2));

test('follows offset and drift exactly on a steady link', () => {
  for (const [offset, drift] of [[-500_000, -100], [480_000, 100], [3_000, 0]]) {
    const { errors } = simulate({ seed: 1, offset, driftPpm: drift, up: fixed(40_000), down: fixed(40_000), minutes: 5 });
    assert.ok(Math.max(...errors) < 100, `offset ${offset} drift ${drift}: worst ${Math.max(...errors)} µs`);
  }
});

test('delay spikes do not move the estimate', () => {
  const spiky = (r) => 30_000 + (r() < 0.3 ? 400_000 : 0);
  const { errors } = simulate({ seed: 2, offset: 250_000, driftPpm: 60, up: fixed(30_000), down: spiky, minutes: 5 });
  assert.ok(Math.max(...errors) < 100, `worst ${Math.max(...errors)} µs`);
});

test('asymmetric jitter: the median client ends far inside the jitter', () => {
  const finals = [];
  for (let seed = 0; seed < 20; seed++) {
    const { errors } = simulate({ seed, offset: (seed - 10) * 50_000, driftPpm: (seed - 10) * 10,
      up: uniform(40_000, 20_000), down: queueing(40_000, 20_000), minutes: 10 });
    finals.push(errors.at(-1));
  }
  finals.sort((a, b) => a - b);
  assert.ok(finals[10] < 1_000, `median ${finals[10]} µs`);
});

test('a burst at connect, a first sync, then at most two pings a minute while playing', () => {
  const { pings } = simulate({ seed: 3, offset: 0, driftPpm: 0, up: fixed(40_000), down: fixed(40_000), minutes: 10 });
  assert.ok(pings.filter((t) => t < START + 1_000_000).length >= BURST_PINGS);
  const later = pings.filter((t) => t >= START + FIRST_SYNC_MICROS);
  for (const from of later) assert.ok(later.filter((t) => t >= from && t < from + 60_000_000).length <= 2);
});

test('the same samples give the same estimate as the Java estimator', () => {
  // Written by EstimatorFixtureTest from the Java estimator.
  const fixture = JSON.parse(readFileSync(new URL('../resources/clock/estimator-fixture.json', import.meta.url), 'utf8'));
  assert.ok(fixture.scenarios.length >= 3);
  for (const { name, samples, after } of fixture.scenarios) {
    const estimator = new ClockEstimator();
    samples.forEach(([t1, t2, t3, t4], i) => {
      estimator.add({ t1, t2, t3, t4 });
      const line = estimator.line();
      const quality = estimator.quality(t4);
      const [reference, offset, slope, spread, count] = after[i];
      const where = `${name}, sample ${i}`;
      assert.equal(line.reference, reference, where);
      assert.ok(Math.abs(line.offset - offset) <= 1e-6, `${where}: offset ${line.offset} vs ${offset}`);
      assert.ok(Math.abs(line.slope - slope) <= 1e-15, `${where}: slope ${line.slope} vs ${slope}`);
      assert.ok(Math.abs(quality.spreadMicros - spread) <= 1, `${where}: spread ${quality.spreadMicros} vs ${spread}`);
      assert.equal(quality.samples, count, where);
    });
  }
});

test('playhead reads the timeline JSON like the server', () => {
  const timeline = { bpm: 140, swing: 0.25, segments: [
    { fromStep: 0, untilStep: 48, at: START, bpm: 120, swing: 0 },
    { fromStep: 48, untilStep: null, at: START + 6_000_000, bpm: 140, swing: 0.25 },
  ] };
  assert.deepEqual(positionAt(timeline, START - 1), { step: 0, fraction: 0, playing: false });
  assert.deepEqual(positionAt(timeline, START + 187_500), { step: 1, fraction: 0.5, playing: true });
  assert.equal(positionAt(timeline, START + 6_000_000).step, 48);
  assert.equal(timeOfStep(timeline.segments[1], 49), START + 6_000_000 + 15_000_000 / 140 * 1.25);
});

test('the sounding step waits for swung odd steps and is null when stopped', () => {
  const step = 15_000_000 / 140;
  const timeline = { bpm: 140, swing: 0.25, segments: [
    { fromStep: 16, untilStep: 32, at: START, bpm: 140, swing: 0.25 },
  ] };
  assert.equal(soundingStepAt(timeline, START - 1), null);
  assert.equal(soundingStepAt(timeline, START), 16);
  assert.equal(soundingStepAt(timeline, START + step * 1.2), 16, 'step 17 sounds a quarter step late');
  assert.equal(soundingStepAt(timeline, START + step * 1.3), 17);
  assert.equal(soundingStepAt(timeline, START + step * 2.1), 18);
  assert.equal(soundingStepAt(timeline, START + step * 16), null, 'stopped at the end of the segment');
});
