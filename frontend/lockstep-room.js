// The room page's own clock and playhead. The page syncs its clock on a socket of its own (TIME_PING needs no join,
// docs/PROTOCOL.md section 1) and lights the sounding step every animation frame from the room's timeline and that
// clock, so the playhead is as exact as the clock and never waits for the server. The view pushes each new timeline
// onto the host element (host.lockstepTimeline, then host.lockstep.follow) and hears the sync numbers through
// host.$server.synced.
import { ClockSync } from './lockstep-clock.js';
import { Playhead } from './lockstep-playhead.js';

const TICK_MS = 50;
const RECONNECT_MS = 1000;
// Sync numbers reach the room (and every member's list) at most this often; the latest numbers always follow.
const REPORT_SPACING_MS = 2000;
const STEPS_PER_BAR = 16;
const STEPS_PER_BEAT = 4;

/**
 * Starts the clock and the playhead for `host`, lighting `.pad[data-step]` columns in `grid` and writing bar.beat into
 * `position`. Stops by itself once the host leaves the page. Returns the running instance (also `host.lockstep`).
 */
export function start(host, grid, position) {
  if (!host.lockstep) host.lockstep = new RoomClock(host, grid, position);
  return host.lockstep;
}

class RoomClock {
  #host;
  #grid;
  #position;
  #socket = null;
  #ticker;
  #reportTimer = null;
  #lastReport = -Infinity;
  #lit = null;
  #stopped = false;
  #onVisibility = () => { if (!document.hidden) this.clock.resumed(); };

  constructor(host, grid, position) {
    this.#host = host;
    this.#grid = grid;
    this.#position = position;
    this.clock = new ClockSync((message) => this.#send(message), { playing: () => this.#lit !== null });
    this.playhead = new Playhead(this.clock);
    if (host.lockstepTimeline) this.playhead.setTimeline(host.lockstepTimeline);
    this.#connect();
    this.#ticker = setInterval(() => this.#tick(), TICK_MS);
    document.addEventListener('visibilitychange', this.#onVisibility);
    requestAnimationFrame(() => this.#frame());
  }

  /** The room's timeline, as Timeline.toMap() gives it. */
  follow(timeline) {
    this.playhead.setTimeline(timeline);
  }

  /** The pattern step lit now (0-15), or null when nothing plays. */
  litStep() {
    return this.#lit === null ? null : mod(this.#lit, STEPS_PER_BAR);
  }

  #connect() {
    const url = new URL('ws', document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    socket.onopen = () => this.clock.reconnected();
    socket.onmessage = (event) => {
      if (typeof event.data === 'string' && this.clock.receive(JSON.parse(event.data))) this.#reportSoon();
    };
    socket.onclose = () => {
      if (!this.#stopped) setTimeout(() => { if (!this.#stopped) this.#connect(); }, RECONNECT_MS);
    };
    this.#socket = socket;
  }

  #send(message) {
    this.#socket.send(JSON.stringify(message));
  }

  #tick() {
    if (this.#socket.readyState === WebSocket.OPEN) this.clock.tick();
  }

  #usable() {
    return this.clock.quality().usable;
  }

  #frame() {
    if (!this.#host.isConnected) {
      this.#stop();
      return;
    }
    const sounding = this.#usable() ? this.playhead.sounding() : null;
    this.#show(sounding);
    requestAnimationFrame(() => this.#frame());
  }

  #show(sounding) {
    this.#lit = sounding;
    const step = this.litStep();
    // Every frame, not only when the step changes: rows the server adds or re-renders come without the light.
    for (const pad of this.#grid.querySelectorAll('.pad[data-step]')) {
      pad.classList.toggle('now', Number(pad.dataset.step) === step);
    }
    const shown = sounding === null ? this.playhead.now().step : sounding;
    const text = `${Math.floor(shown / STEPS_PER_BAR) + 1}.${Math.floor(mod(shown, STEPS_PER_BAR) / STEPS_PER_BEAT) + 1}`;
    if (this.#position.textContent !== text) this.#position.textContent = text;
    this.#position.classList.toggle('rolling', sounding !== null);
  }

  /** Leading and trailing: the first numbers go at once, later ones at most every REPORT_SPACING_MS, the newest. */
  #reportSoon() {
    if (this.#reportTimer !== null || !this.#usable()) return;
    const wait = Math.max(0, this.#lastReport + REPORT_SPACING_MS - performance.now());
    this.#reportTimer = setTimeout(() => {
      this.#reportTimer = null;
      this.#lastReport = performance.now();
      const q = this.clock.quality();
      const offset = Math.round(this.clock.estimator.offsetMicros(this.clock.now()));
      this.#host.$server.synced(q.delayMicros, offset, q.spreadMicros, q.driftPpm, q.samples);
    }, wait);
  }

  #stop() {
    this.#stopped = true;
    clearInterval(this.#ticker);
    clearTimeout(this.#reportTimer);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#socket.close();
    delete this.#host.lockstep;
  }
}

const mod = (n, m) => ((n % m) + m) % m;
