// Browser mirror of io.lockstep.clock: OffsetLine, Envelopes, DriftPosterior, ClockEstimator, SyncPolicy and the
// TIME_PING/TIME_PONG exchange. Same algorithm, same arithmetic in the same order as the Java side (see the Java
// classes for the reasoning), so both give the same estimate from the same samples; src/test/node checks that on a
// fixture the Java tests write. All times are microseconds.

const CAPACITY = 2048;
const MIN_USABLE = 4;
const DRIFT_PRIOR = 100e-6;
const TIMESTAMP_GRAIN_MICROS = 10;
const MAX_DRIFT = 500e-6;

const GRID = 256;
const MODE_STEPS = 80;
const GOLDEN = (Math.sqrt(5) - 1) / 2;
const LN2 = Math.log(2);
const NEGLIGIBLE = 30;

export const BURST_PINGS = 8;
const BURST_GAP_MICROS = 100_000;
export const FIRST_SYNC_MICROS = 60_000_000;
const FIRST_SYNC_GAP_MICROS = 250_000;
const IDLE_INTERVAL_MICROS = 500_000;
const PLAYING_INTERVAL_MICROS = 30_000_000;
const MIN_BURST_SPACING_MICROS = 10_000_000;

const delayOf = (s) => (s.t4 - s.t1) - (s.t3 - s.t2);

/** Server minus local time as a line over local time. */
export class OffsetLine {
  constructor(reference, offset, slope) {
    this.reference = reference;
    this.offset = offset;
    this.slope = slope;
  }

  offsetAt(localMicros) { return this.offset + this.slope * (localMicros - this.reference); }

  serverTime(localMicros) { return localMicros + Math.round(this.offsetAt(localMicros)); }

  localTime(serverMicros) {
    return this.reference + Math.round((serverMicros - this.reference - this.offset) / (1 + this.slope));
  }
}

/** Lower hull of the requests (t1, t2 - t1) and upper hull of the replies (t4, t3 - t4), times from `reference`. */
export class Envelopes {
  constructor(samples, reference) {
    const requests = samples.map((s) => [s.t1 - reference, s.t2 - s.t1]);
    const replies = samples.map((s) => [s.t4 - reference, s.t3 - s.t4]);
    this.count = samples.length;
    this.requests = requests;
    this.replies = replies;
    this.requestSumX = sum(requests, 0);
    this.requestSumY = sum(requests, 1);
    this.replySumX = sum(replies, 0);
    this.replySumY = sum(replies, 1);
    [this.requestX, this.requestY] = hull(requests, 1);
    [this.replyX, this.replyY] = hull(replies, -1);
  }

  lowestRequest(slope) {
    let lowest = Infinity;
    for (let i = 0; i < this.requestX.length; i++) lowest = Math.min(lowest, this.requestY[i] - slope * this.requestX[i]);
    return lowest;
  }

  highestReply(slope) {
    let highest = -Infinity;
    for (let i = 0; i < this.replyX.length; i++) highest = Math.max(highest, this.replyY[i] - slope * this.replyX[i]);
    return highest;
  }

  requestExcess(slope) { return this.requestSumY - slope * this.requestSumX - this.count * this.lowestRequest(slope); }

  replyExcess(slope) { return this.count * this.highestReply(slope) - (this.replySumY - slope * this.replySumX); }

  medianRequestExcess(slope) {
    const lowest = this.lowestRequest(slope);
    return median(this.requests.map((p) => p[1] - slope * p[0] - lowest));
  }

  medianReplyExcess(slope) {
    const highest = this.highestReply(slope);
    return median(this.replies.map((p) => highest - (p[1] - slope * p[0])));
  }

  halfBand(slope) { return (this.lowestRequest(slope) - this.highestReply(slope)) / 2; }

  widestBandSlope(limit) {
    const breaks = [...edgeSlopes(this.requestX, this.requestY, limit), ...edgeSlopes(this.replyX, this.replyY, limit)]
      .sort((a, b) => a - b);
    let low = 0;
    let high = breaks.length + 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#narrowing(intervalMiddle(breaks, mid, limit)) > 0) high = mid; else low = mid + 1;
    }
    if (low === 0) return -limit;
    const previous = intervalMiddle(breaks, low - 1, limit);
    if (this.#narrowing(previous) === 0) return previous;
    return low > breaks.length ? limit : breaks[low - 1];
  }

  #narrowing(slope) {
    return this.requestX[touching(this.requestX, this.requestY, slope, true)]
      - this.replyX[touching(this.replyX, this.replyY, slope, false)];
  }
}

function touching(x, y, slope, lower) {
  let low = 0;
  let high = x.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const edge = (y[mid + 1] - y[mid]) / (x[mid + 1] - x[mid]);
    if (lower ? edge < slope : edge > slope) low = mid + 1; else high = mid;
  }
  return low;
}

function edgeSlopes(x, y, limit) {
  const slopes = [];
  for (let i = 0; i + 1 < x.length; i++) {
    const edge = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
    if (Math.abs(edge) < limit) slopes.push(edge);
  }
  return slopes;
}

function intervalMiddle(breaks, i, limit) {
  const from = i === 0 ? -limit : breaks[i - 1];
  const to = i === breaks.length ? limit : breaks[i];
  return (from + to) / 2;
}

function hull(points, side) {
  points.sort((p, q) => (p[0] - q[0]) || (side * p[1] - side * q[1]));
  const x = [];
  const y = [];
  for (const [px, py] of points) {
    const n = x.length;
    if (n > 0 && x[n - 1] === px) continue;
    while (x.length >= 2 && side * cross(x.at(-2), y.at(-2), x.at(-1), y.at(-1), px, py) <= 0) {
      x.pop();
      y.pop();
    }
    x.push(px);
    y.push(py);
  }
  return [x, y];
}

function sum(points, coordinate) {
  let total = 0;
  for (const p of points) total += p[coordinate];
  return total;
}

function median(values) {
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

const cross = (ax, ay, bx, by, cx, cy) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** The offset line averaged over every slope the envelopes allow (see DriftPosterior.java). */
export function driftPosterior(envelopes, reference, newest, prior, limit, grain) {
  const n = envelopes.count;
  const widest = envelopes.widestBandSlope(limit);
  const requestScale = Math.max(grain, envelopes.medianRequestExcess(widest) / LN2);
  const replyScale = Math.max(grain, envelopes.medianReplyExcess(widest) / LN2);
  const logLikelihood = (slope) => -envelopes.requestExcess(slope) / requestScale
    - envelopes.replyExcess(slope) / replyScale - slope * slope / (2 * prior * prior);
  const mode = modeOf(logLikelihood, limit);
  const peak = logLikelihood(mode);
  const low = edgeOf(logLikelihood, mode, -1, peak, limit);
  const high = edgeOf(logLikelihood, mode, 1, peak, limit);
  let weights = 0;
  let slopes = 0;
  let middles = 0;
  let squares = 0;
  for (let i = 0; i <= GRID; i++) {
    const slope = low + (high - low) * i / GRID;
    const weight = Math.exp(logLikelihood(slope) - peak);
    const atNewest = (envelopes.lowestRequest(slope) + envelopes.highestReply(slope)) / 2 + slope * newest;
    weights += weight;
    slopes += weight * slope;
    middles += weight * atNewest;
    squares += weight * atNewest * atNewest;
  }
  const slope = slopes / weights;
  const atNewest = middles / weights;
  const slopeShare = Math.max(0, squares / weights - atNewest * atNewest);
  const bias = (requestScale - replyScale) / (2 * n);
  const envelopeShare = (requestScale * requestScale + replyScale * replyScale) / (4.0 * n * n);
  const offset = atNewest - bias - slope * newest;
  return { line: new OffsetLine(reference, offset, slope), spread: Math.sqrt(slopeShare + envelopeShare) };
}

function modeOf(f, limit) {
  let low = -limit;
  let high = limit;
  for (let i = 0; i < MODE_STEPS; i++) {
    const a = high - GOLDEN * (high - low);
    const b = low + GOLDEN * (high - low);
    if (f(a) < f(b)) low = a; else high = b;
  }
  return (low + high) / 2;
}

function edgeOf(f, mode, direction, peak, limit) {
  let step = limit * 1e-12;
  let at = mode + direction * step;
  while (Math.abs(at) < limit && f(at) > peak - NEGLIGIBLE) {
    step *= 2;
    at = mode + direction * step;
  }
  return Math.min(limit, Math.max(-limit, at));
}

/** Offset line from the samples' envelopes, with drift averaged over what the window allows. */
export class ClockEstimator {
  #window = [];
  #line = new OffsetLine(0, 0, 0);
  #spread = 0;

  /** sample: {t1, t2, t3, t4} (client send, server receive, server send, client receive). */
  add(sample) {
    let at = this.#window.length;
    while (at > 0 && this.#window[at - 1].t1 > sample.t1) at--;
    this.#window.splice(at, 0, sample);
    if (this.#window.length > CAPACITY) this.#window.shift();
    while (!this.#fit()) this.#window.shift();
  }

  serverTime(localMicros) { return this.#line.serverTime(localMicros); }

  localTime(serverMicros) { return this.#line.localTime(serverMicros); }

  offsetMicros(localMicros) { return this.#line.offsetAt(localMicros); }

  line() { return this.#line; }

  quality(localMicros) {
    const w = this.#window;
    if (w.length === 0) {
      return { delayMicros: 0, spreadMicros: 0, driftPpm: 0, ageMicros: Infinity, samples: 0, usable: false };
    }
    return {
      delayMicros: Math.min(...w.map(delayOf)),
      spreadMicros: Math.round(this.#spread),
      driftPpm: -this.#line.slope * 1e6,
      ageMicros: localMicros - this.#newestReply(),
      samples: w.length,
      usable: w.length >= MIN_USABLE,
    };
  }

  #fit() {
    const reference = this.#window[0].t1;
    const envelopes = new Envelopes(this.#window, reference);
    if (envelopes.halfBand(envelopes.widestBandSlope(MAX_DRIFT)) < 0) return false;
    const posterior = driftPosterior(envelopes, reference, this.#newestReply() - reference, DRIFT_PRIOR, MAX_DRIFT,
      TIMESTAMP_GRAIN_MICROS);
    this.#line = posterior.line;
    this.#spread = posterior.spread;
    return true;
  }

  #newestReply() {
    let newest = -Infinity;
    for (const s of this.#window) newest = Math.max(newest, s.t4);
    return newest;
  }
}

/**
 * When to ping: a burst at connect and resume, four a second through the first minute after a connect, then two a
 * second idle or one every 30 s while playing; re-burst when unusable.
 */
export class SyncPolicy {
  #burstLeft = 0;
  #burstStart = -Infinity;
  #connectedAt = -Infinity;
  #lastPing = -Infinity;

  connected(now) {
    this.#connectedAt = now;
    this.#startBurst(now);
  }

  resumed(now) {
    if (now - this.#burstStart >= MIN_BURST_SPACING_MICROS) this.#startBurst(now);
  }

  answered(quality, now) {
    if (!quality.usable && this.#burstLeft === 0 && now - this.#burstStart >= MIN_BURST_SPACING_MICROS) this.#startBurst(now);
  }

  nextPingAt(playing) {
    if (this.#burstLeft > 0) return this.#lastPing < this.#burstStart ? this.#burstStart : this.#lastPing + BURST_GAP_MICROS;
    const firstSync = this.#lastPing < this.#connectedAt + FIRST_SYNC_MICROS;
    return this.#lastPing + (firstSync ? FIRST_SYNC_GAP_MICROS : playing ? PLAYING_INTERVAL_MICROS : IDLE_INTERVAL_MICROS);
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
