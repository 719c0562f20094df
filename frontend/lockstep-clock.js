// Browser mirror of io.lockstep.clock: ClockEstimator, SyncPolicy and the TIME_PING/TIME_PONG exchange.
// Same algorithm as the Java side (see ClockEstimator.java for the reasoning); all times are microseconds.

const WINDOW = 64;
const MIN_USABLE = 4;
const DRIFT_PRIOR = 100e-6;
const TIMESTAMP_GRAIN_MICROS = 10;
const MAX_DRIFT = 500e-6;
const SEARCH_STEPS = 60;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

export const BURST_PINGS = 8;
const BURST_GAP_MICROS = 100_000;
const IDLE_INTERVAL_MICROS = 10_000_000;
const PLAYING_INTERVAL_MICROS = 30_000_000;
const MIN_BURST_SPACING_MICROS = 10_000_000;

const delayOf = (s) => (s.t4 - s.t1) - (s.t3 - s.t2);
const offsetOf = (s) => ((s.t2 - s.t1) + (s.t3 - s.t4)) / 2;

/** Offset line over local time fitted to the fastest request and reply envelopes, drift shrunk by its uncertainty. */
export class ClockEstimator {
  #window = [];
  #reference = 0;
  #offsetAtReference = 0;
  #slope = 0;

  /** sample: {t1, t2, t3, t4} (client send, server receive, server send, client receive). */
  add(sample) {
    let at = this.#window.length;
    while (at > 0 && this.#window[at - 1].t1 > sample.t1) at--;
    this.#window.splice(at, 0, sample);
    if (this.#window.length > WINDOW) this.#window.shift();
    while (!this.#fit()) this.#window.shift();
  }

  serverTime(localMicros) {
    return localMicros + Math.round(this.offsetMicros(localMicros));
  }

  localTime(serverMicros) {
    return this.#reference + Math.round((serverMicros - this.#reference - this.#offsetAtReference) / (1 + this.#slope));
  }

  offsetMicros(localMicros) {
    return this.#offsetAtReference + this.#slope * (localMicros - this.#reference);
  }

  quality(localMicros) {
    const w = this.#window;
    if (w.length === 0) {
      return { delayMicros: 0, spreadMicros: 0, driftPpm: -this.#slope * 1e6, ageMicros: Infinity, samples: 0, usable: false };
    }
    return {
      delayMicros: Math.min(...w.map(delayOf)),
      spreadMicros: Math.round(this.#spread()),
      driftPpm: -this.#slope * 1e6,
      ageMicros: localMicros - this.#newestReply(),
      samples: w.length,
      usable: w.length >= MIN_USABLE,
    };
  }

  #fit() {
    const w = this.#window;
    this.#reference = w[0].t1;
    if (this.#halfBand(argMin((b) => -this.#halfBand(b))) < 0) return false;
    if (w.length < MIN_USABLE) {
      this.#useSlope(0);
      return true;
    }
    this.#useSlope(argMin((b) => this.#gapArea(b)));
    const jitter = this.#jitter() + TIMESTAMP_GRAIN_MICROS;
    const uncertainty = jitter / (this.#newestReply() - this.#reference + 1);
    const prior = DRIFT_PRIOR * DRIFT_PRIOR;
    const fitted = uncertainty * uncertainty;
    const slopeError = Math.sqrt(prior * fitted / (prior + fitted));
    const horizon = Math.round(jitter / slopeError);
    this.#slope = this.#slope * prior / (prior + fitted);
    const since = this.#newestReply() - horizon;
    const recent = w.filter((s) => s.t4 >= since);
    this.#offsetAtReference = (this.#lowestRequest(recent, this.#slope) + this.#highestReply(recent, this.#slope)) / 2;
    return true;
  }

  #useSlope(b) {
    this.#slope = b;
    this.#offsetAtReference = (this.#lowestRequest(this.#window, b) + this.#highestReply(this.#window, b)) / 2;
  }

  #jitter() {
    const delays = this.#window.map(delayOf).sort((a, b) => a - b);
    return delays[Math.floor(delays.length / 2)] - delays[0];
  }

  #spread() {
    const best = [...this.#window].sort((a, b) => delayOf(a) - delayOf(b)).slice(0, Math.max(3, Math.floor(this.#window.length / 4)));
    let squares = 0;
    for (const s of best) {
      const residual = offsetOf(s) - this.offsetMicros(Math.trunc((s.t1 + s.t4) / 2));
      squares += residual * residual;
    }
    return Math.sqrt(squares / best.length);
  }

  #newestReply() {
    return Math.max(...this.#window.map((s) => s.t4));
  }

  #gapArea(b) {
    const lowest = this.#lowestRequest(this.#window, b);
    const highest = this.#highestReply(this.#window, b);
    let area = 0;
    for (const s of this.#window) {
      area += (s.t2 - s.t1) - b * (s.t1 - this.#reference) - lowest;
      area += highest - ((s.t3 - s.t4) - b * (s.t4 - this.#reference));
    }
    return area;
  }

  #halfBand(b) {
    return (this.#lowestRequest(this.#window, b) - this.#highestReply(this.#window, b)) / 2;
  }

  #lowestRequest(samples, b) {
    let lowest = Infinity;
    for (const s of samples) lowest = Math.min(lowest, (s.t2 - s.t1) - b * (s.t1 - this.#reference));
    return lowest;
  }

  #highestReply(samples, b) {
    let highest = -Infinity;
    for (const s of samples) highest = Math.max(highest, (s.t3 - s.t4) - b * (s.t4 - this.#reference));
    return highest;
  }
}

function argMin(f) {
  let low = -MAX_DRIFT;
  let high = MAX_DRIFT;
  for (let i = 0; i < SEARCH_STEPS; i++) {
    const a = high - GOLDEN * (high - low);
    const b = low + GOLDEN * (high - low);
    if (f(a) > f(b)) low = a; else high = b;
  }
  return (low + high) / 2;
}

/** When to ping: a burst at connect and resume, then every 10 s idle or 30 s while playing; re-burst when unusable. */
export class SyncPolicy {
  #burstLeft = 0;
  #burstStart = -Infinity;
  #lastPing = -Infinity;

  connected(now) { this.#startBurst(now); }

  resumed(now) {
    if (now - this.#burstStart >= MIN_BURST_SPACING_MICROS) this.#startBurst(now);
  }

  answered(quality, now) {
    if (!quality.usable && this.#burstLeft === 0 && now - this.#burstStart >= MIN_BURST_SPACING_MICROS) this.#startBurst(now);
  }

  nextPingAt(playing) {
    if (this.#burstLeft > 0) return this.#lastPing < this.#burstStart ? this.#burstStart : this.#lastPing + BURST_GAP_MICROS;
    return this.#lastPing + (playing ? PLAYING_INTERVAL_MICROS : IDLE_INTERVAL_MICROS);
  }

  pinged(now) {
    this.#lastPing = now;
    if (this.#burstLeft > 0) this.#burstLeft--;
  }

  #startBurst(now) {
    this.#burstStart = now;
    this.#burstLeft = BURST_PINGS;
  }
}

/** The browser's monotonic clock as epoch microseconds. */
export const browserNowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

/**
 * Keeps a client's estimate of server time: sends TIME_PING through `send(message)` when the policy says so
 * (call `tick()` from a timer, e.g. every 50 ms) and takes TIME_PONG messages in `receive(message)`.
 */
export class ClockSync {
  constructor(send, { now = browserNowMicros, playing = () => false } = {}) {
    this.estimator = new ClockEstimator();
    this.policy = new SyncPolicy();
    this.send = send;
    this.now = now;
    this.playing = playing;
    this.nextId = 1;
    this.policy.connected(now());
  }

  /** Server time now, in epoch microseconds of the server's clock. */
  serverNow() { return this.estimator.serverTime(this.now()); }

  quality() { return this.estimator.quality(this.now()); }

  resumed() { this.policy.resumed(this.now()); }

  reconnected() { this.policy.connected(this.now()); }

  tick() {
    const now = this.now();
    if (now >= this.policy.nextPingAt(this.playing())) {
      this.policy.pinged(now);
      this.send({ type: 'TIME_PING', id: this.nextId++, t1: now });
    }
  }

  receive(message) {
    if (message.type !== 'TIME_PONG') return false;
    const now = this.now();
    this.estimator.add({ t1: message.t1, t2: message.t2, t3: message.t3, t4: now });
    this.policy.answered(this.estimator.quality(now), now);
    return true;
  }
}
