// A small Lockstep client, written from docs/PROTOCOL.md alone (never from the server's sources), so that it
// proves the document is a sufficient contract. Section numbers in comments refer to that document.
import * as A from "@automerge/automerge";
import WebSocket from "ws";

// Binary frame kinds (section 4).
export const KIND = { CHANGES: 0x01, DOCUMENT: 0x02, SYNC: 0x03 };
const KIND_NAME = { 0x01: "CHANGES", 0x02: "DOCUMENT", 0x03: "SYNC" };

export const DEFAULT_TIMEOUT_MS = 5000;

/** One member of one room: a WebSocket plus this member's own Automerge replica of the room document. */
export class LockstepClient {
  constructor(url, { name, role = "musician", label = name } = {}) {
    this.url = url;
    this.name = name;
    this.role = role;
    this.label = label;      // used in messages only
    this.ws = null;
    this.doc = null;         // our replica; null until the server's DOCUMENT arrived (section 2)
    this.room = null;        // room code, from JOINED
    this.you = null;         // our member id
    this.resumeToken = null; // JOINED.resume, for JOIN.resume after a drop
    this.members = [];       // latest member list from JOINED / ROOM
    this.timeline = null;    // latest timeline from JOINED / TIMELINE (section 7.3)
    this.leader = null;
    this.count = 0;
    this.inbox = [];         // every frame received, in order: {type, msg?|payload?}; binary ones typed by kind
    this.nextSeq = 1;
    this.repliesBySeq = new Map(); // seq -> every ACK/ERROR seen for it, to check "exactly one reply per frame"
    this.sentHashes = new Set();   // hashes of changes this replica made (sent now, or later through sync)
    this.receivedHashes = new Set(); // hashes of changes that reached us in CHANGES frames
    this.echoes = [];              // our own changes the server sent back to us (the protocol says never)
    this.syncState = null;         // Automerge sync state while a JOIN with sync is running (section 5)
    this.theirSyncHeads = null;    // heads the server announced in its last SYNC message
    this.listeners = new Set();    // called after every received frame, so conditions can be awaited
    this.closed = null;            // {code, reason} once the socket closed
    this.error = null;             // the socket's last error, if any
  }

  // ---- connection -------------------------------------------------------------------------------------------

  async connect() {
    this.closed = null;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.on("error", err => { this.error = err; }); // reported through `closed`, which follows
    ws.on("message", (data, isBinary) => this.#onFrame(ws, data, isBinary));
    ws.on("close", (code, reason) => {
      if (this.ws === ws) { this.closed = { code, reason: reason.toString() }; this.#notify(); }
    });
    await new Promise((resolve, reject) => { ws.once("open", resolve); ws.once("error", reject); });
    return this;
  }

  get connected() { return this.ws !== null && this.ws.readyState === WebSocket.OPEN; }

  /** Drops the socket without a LEAVE and without a close handshake, like a lost network. The replica stays. */
  drop() {
    const ws = this.ws;
    this.ws = null;
    ws?.terminate();
  }

  /** Closes the socket politely. */
  close() {
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }

  // ---- sending ------------------------------------------------------------------------------------------------

  sendJson(msg) { this.sendText(JSON.stringify(msg)); }

  sendText(text) { this.#socket().send(text); }

  /** A client-to-server binary frame: kind, 32-bit big-endian seq, payload (section 4). Returns the seq. */
  sendBinary(kind, payload, seq = this.nextSeq++) {
    const frame = Buffer.alloc(5 + payload.length);
    frame[0] = kind;
    frame.writeUInt32BE(seq >>> 0, 1);
    Buffer.from(payload.buffer, payload.byteOffset, payload.length).copy(frame, 5);
    this.#socket().send(frame);
    return seq;
  }

  /** Sends bytes that are not a well-formed frame at all (to test BAD_FRAME). */
  sendRawBinary(bytes) { this.#socket().send(Buffer.from(bytes)); }

  /** Sends change bytes as one CHANGES frame; resolves with the ACK or ERROR carrying that frame's seq. */
  sendChanges(bytes) {
    const seq = this.sendBinary(KIND.CHANGES, bytes);
    const reply = this.until(() => this.repliesBySeq.get(seq)?.[0], `ACK or ERROR for seq ${seq}`);
    reply.catch(() => {}); // callers that never await it must not crash the process; those that do still see it
    return { seq, reply };
  }

  // ---- joining (section 2) -----------------------------------------------------------------------------------

  /** CREATE: resolves with JOINED once the DOCUMENT has been loaded too. */
  async create() {
    return this.#join({ type: "CREATE", name: this.name, role: this.role }, false);
  }

  /** JOIN by code; with sync = true the replica we hold is brought up to date through section 5 instead. */
  async join(room, { resume = null, sync = false } = {}) {
    return this.#join({ type: "JOIN", room, name: this.name, role: this.role, resume, sync }, sync);
  }

  /** After drop(): a new socket, JOIN with resume + sync, and the sync exchange until both sides agree. */
  async reconnect({ timeout = DEFAULT_TIMEOUT_MS } = {}) {
    await this.connect();
    const joined = await this.join(this.room, { resume: this.resumeToken, sync: true });
    await this.until(() => this.syncDone(), "sync to finish", timeout);
    return joined;
  }

  async leave() {
    const mark = this.inbox.length;
    this.sendJson({ type: "LEAVE" });
    return this.reply("LEAVE", mark);
  }

  async #join(msg, sync) {
    const mark = this.inbox.length;
    if (sync) {
      // Ready before JOIN goes out: the server's first SYNC frame follows JOINED immediately (section 5, step 2).
      this.syncState = A.initSyncState();
      this.theirSyncHeads = null;
    }
    this.sendJson(msg);
    const joined = await this.nextMessage(m => m.type === "JOINED" || (m.type === "ERROR" && m.ref === msg.type), mark,
      `JOINED after ${msg.type}`);
    if (joined.type === "ERROR") {
      throw Object.assign(new Error(`${this.label}: ${msg.type} refused: ${joined.code} ${joined.message}`), { reply: joined });
    }
    this.room = joined.room;
    this.you = joined.you;
    this.resumeToken = joined.resume;
    // A fresh join starts from the server's DOCUMENT (loaded by #onFrame), never from a document we built.
    if (!sync) await this.until(() => this.inbox.slice(mark).some(f => f.type === "DOCUMENT"), "DOCUMENT after JOINED");
    return joined;
  }

  // ---- editing (sections 3 and 6) ----------------------------------------------------------------------------

  /**
   * Makes one local change and, when connected, sends it. Returns {hash, seq, reply}; reply resolves with the
   * ACK or ERROR. Offline (not connected) the change only stays in the replica, to travel later through sync.
   */
  edit(fn) {
    const { hash, bytes } = this.editLocally(fn);
    if (!this.connected) return { hash, seq: null, reply: Promise.resolve(null) };
    return { hash, ...this.sendChanges(bytes) };
  }

  /** Makes one change in the replica only; returns its hash and bytes for the caller to send (or not). */
  editLocally(fn) {
    const doc = A.change(this.doc, fn);
    // An edit that changes nothing makes no Automerge change and must send nothing (section 6, No-op edits).
    if (doc === this.doc) throw new Error(`${this.label}: the edit changed nothing`);
    this.doc = doc;
    const bytes = A.getLastLocalChange(doc);
    const hash = A.decodeChange(bytes).hash;
    this.sentHashes.add(hash);
    return { hash, bytes };
  }

  /**
   * Makes a change on a throwaway copy of the replica and sends it, leaving our replica as it was. For changes
   * the room is expected to refuse: section 3 says the room document then stays exactly as it was, so our
   * replica (which never took the change) still matches it.
   */
  trySend(fn) {
    const scratch = A.change(A.clone(this.doc), fn);
    const bytes = A.getLastLocalChange(scratch);
    return this.sendChanges(bytes);
  }

  toggle(track, step) { return this.edit(d => { const s = d.tracks[track].steps[step]; s.on = !s.on; }); }
  setVelocity(track, step, velocity) { return this.edit(d => { d.tracks[track].steps[step].velocity = velocity; }); }
  setNote(track, step, note) { return this.edit(d => { d.tracks[track].steps[step].note = note; }); }
  removeTrack(id) { return this.edit(d => { delete d.tracks[id]; }); }

  /**
   * Adds a track at display index `at` (default: the end) under a fresh random id (section 6: 10 characters of
   * [A-Za-z0-9], so concurrent adds never collide). Returns the edit plus the new track's `id`.
   */
  addTrack({ name, instrument, kind = "drum", volume = 0.8, at = Infinity, id = randomTrackId() }) {
    const order = trackOrder(this.doc);
    const index = Math.max(0, Math.min(at, order.length));
    const position = positionAt(this.doc, index, id);
    const sent = this.edit(d => {
      d.tracks[id] = {
        name: new A.ImmutableString(name), instrument: new A.ImmutableString(instrument),
        kind: new A.ImmutableString(kind), muted: false,
        steps: Array.from({ length: 16 }, () => ({ on: false, velocity: 100, note: 60 })),
      };
      // Not inside the literal above, as section 6's example does: @automerge/automerge 3.5 turns a Float64
      // nested in an assigned object into a map {value: x}, which the server refuses ("volume must be a number").
      // Assigned to a property directly, it is written as an f64.
      d.tracks[id].volume = new A.Float64(volume);
      if (position !== null) d.tracks[id].position = new A.Float64(position);
      else renumber(d, order.toSpliced(index, 0, id));
    });
    return { id, ...sent };
  }

  /** Moves a track to display index `to` (section 6, Ordering): one write of its position, or a renumbering. */
  moveTrack(id, to) {
    const position = positionAt(this.doc, to, id);
    return this.edit(d => {
      if (position !== null) d.tracks[id].position = new A.Float64(position);
      else renumber(d, trackOrder(this.doc).filter(t => t !== id).toSpliced(to, 0, id));
    });
  }

  /** UNDO / REDO (section 3): resolves with DONE or ERROR. */
  undo() { return this.#request("UNDO"); }
  redo() { return this.#request("REDO"); }

  async #request(type) {
    const mark = this.inbox.length;
    this.sendJson({ type });
    return this.reply(type, mark);
  }

  /** Waits for the DONE or ERROR answering a control message of the given type, received after `mark`. */
  reply(ref, mark) {
    return this.nextMessage(m => (m.type === "DONE" || m.type === "ERROR") && m.ref === ref, mark, `reply to ${ref}`);
  }

  /**
   * One NTP-style clock sample (section 7.1): resolves with the TIME_PONG (or an ERROR) and, from the four
   * timestamps, `offset` (server minus client, µs) and `delay` (round trip minus server time, µs).
   */
  async timePing() {
    const mark = this.inbox.length;
    const id = this.nextPingId = (this.nextPingId ?? 0) + 1;
    const t1 = nowMicros();
    this.sendJson({ type: "TIME_PING", id, t1 });
    const reply = await this.nextMessage(m => (m.type === "TIME_PONG" && m.id === id) || (m.type === "ERROR" && m.ref === "TIME_PING"),
      mark, `TIME_PONG ${id}`);
    const t4 = nowMicros();
    if (reply.type !== "TIME_PONG") return { id, t1, t4, reply };
    const { t2, t3 } = reply;
    return { id, t1, t4, reply, offset: ((t2 - t1) + (t3 - t4)) / 2, delay: (t4 - t1) - (t3 - t2) };
  }

  /** CLOCK_REPORT (section 7.2): how well this member is synced; shown to everyone in ROOM.members[].sync. */
  clockReport(rtt, uncertainty, drift) { this.sendJson({ type: "CLOCK_REPORT", rtt, uncertainty, drift }); }

  /**
   * A transport or leadership request (sections 7.4, 7.5), e.g. {type: "PLAY"}. Those that change the timeline
   * are answered by TIMELINE to everyone, refusals by ERROR; resolves with whichever comes first.
   */
  async transport(msg) {
    const mark = this.inbox.length;
    this.sendJson(msg);
    return this.nextMessage(m => m.type === "TIMELINE" || (m.type === "ERROR" && m.ref === msg.type), mark, `reply to ${msg.type}`);
  }

  // ---- sync (section 5) -------------------------------------------------------------------------------------

  /** Caught up: the server's last announced heads are ours and we have nothing more to send. */
  syncDone() {
    if (!this.syncState || !this.theirSyncHeads) return false;
    if (!sameHeads(this.theirSyncHeads, A.getHeads(this.doc))) return false;
    const [, msg] = A.generateSyncMessage(this.doc, this.syncState);
    return msg === null;
  }

  #onSync(payload) {
    [this.doc, this.syncState] = A.receiveSyncMessage(this.doc, this.syncState, payload);
    this.theirSyncHeads = A.decodeSyncMessage(payload).heads;
    for (;;) {
      const [state, reply] = A.generateSyncMessage(this.doc, this.syncState);
      this.syncState = state;
      if (reply === null) break;
      this.sendBinary(KIND.SYNC, reply); // seq is free for SYNC frames (section 5, step 3)
    }
  }

  // ---- receiving ----------------------------------------------------------------------------------------------

  #onFrame(ws, data, isBinary) {
    if (ws !== this.ws) return; // a late frame of a dropped socket
    if (!isBinary) {
      const msg = JSON.parse(data.toString("utf8"));
      this.inbox.push({ type: "JSON", msg });
      this.#onJson(msg);
    } else {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
      const kind = bytes[0];
      const payload = bytes.slice(1); // server-to-client frames have no seq (section 4)
      this.inbox.push({ type: KIND_NAME[kind] ?? `UNKNOWN_${kind}`, payload });
      if (kind === KIND.DOCUMENT) this.doc = A.load(payload);
      else if (kind === KIND.CHANGES) this.#onChanges(payload);
      else if (kind === KIND.SYNC) this.#onSync(payload);
    }
    this.#notify();
  }

  #onJson(msg) {
    if (msg.type === "JOINED" || msg.type === "TIMELINE") this.timeline = msg.timeline;
    if (msg.type === "JOINED" || msg.type === "ROOM") {
      this.members = msg.members;
      this.leader = msg.leader;
      this.count = msg.count;
    }
    if ((msg.type === "ACK" || msg.type === "ERROR") && msg.seq != null) {
      if (!this.repliesBySeq.has(msg.seq)) this.repliesBySeq.set(msg.seq, []);
      this.repliesBySeq.get(msg.seq).push(msg);
    }
  }

  #onChanges(payload) {
    for (const change of splitChanges(payload)) {
      const hash = A.decodeChange(change).hash;
      if (this.sentHashes.has(hash)) this.echoes.push(hash);
      this.receivedHashes.add(hash);
    }
    this.doc = A.loadIncremental(this.doc, payload);
  }

  #notify() { for (const l of [...this.listeners]) l(); }

  #socket() {
    if (!this.connected) throw new Error(`${this.label}: not connected`);
    return this.ws;
  }

  // ---- waiting ------------------------------------------------------------------------------------------------

  /** JSON messages received since inbox index `mark`. */
  messagesSince(mark = 0) { return this.inbox.slice(mark).filter(f => f.type === "JSON").map(f => f.msg); }

  /** The first JSON message after inbox index `mark` that matches; waits for it if it has not come yet. */
  async nextMessage(match, mark = 0, what = "a message", timeout = DEFAULT_TIMEOUT_MS) {
    let found;
    await this.until(() => (found = this.messagesSince(mark).find(match)) !== undefined, what, timeout);
    return found;
  }

  /** Resolves when cond() holds, re-checking after every frame; rejects after `timeout` ms. */
  until(cond, what, timeout = DEFAULT_TIMEOUT_MS) { return until([this], cond, `${this.label}: ${what}`, timeout); }

  // ---- reading the pattern (section 6) ------------------------------------------------------------------------

  heads() { return [...A.getHeads(this.doc)].sort(); }
  pattern() { return normalizePattern(this.doc); }
  member(id) { return this.members.find(m => m.id === id); }
}

/** This machine's clock in integer microseconds (section 1: all times on the wire are integer microseconds). */
export const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

/** Resolves when cond() holds, checked now and after every frame any of the clients receives. */
export function until(clients, cond, what, timeout = DEFAULT_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const check = () => {
      let ok;
      try { ok = cond(); } catch (e) { finish(); reject(e); return; }
      if (ok) { finish(); resolve(ok); }
    };
    const timer = setTimeout(() => {
      finish();
      // A socket the server closed is the usual reason for a timeout: say so.
      const closed = clients.filter(c => c.closed).map(c => `${c.label} closed ${c.closed.code} ${c.closed.reason}`);
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}${closed.length ? ` (${closed.join(", ")})` : ""}`));
    }, timeout);
    const finish = () => { clearTimeout(timer); clients.forEach(c => c.listeners.delete(check)); };
    clients.forEach(c => c.listeners.add(check));
    check();
  });
}

export function sameHeads(a, b) { return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort()); }

/**
 * Splits a CHANGES payload into its changes. Section 3 says a payload is "one or more encoded changes,
 * concatenated"; each is an Automerge chunk: 4 magic bytes, 4 checksum bytes, 1 type byte, a ULEB128 length,
 * then that many bytes. We split only to know which changes (by hash) reached us, to check for echoes.
 */
export function splitChanges(bytes) {
  const out = [];
  let at = 0;
  while (at < bytes.length) {
    let p = at + 9, len = 0, shift = 0, b;
    do { b = bytes[p++]; len += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    out.push(bytes.slice(at, p + len));
    at = p + len;
  }
  return out;
}

// Readers are lenient about types (section 6): strings may be scalar strings or Text, numbers any number type.
export const str = v => (A.isImmutableString(v) ? v.val : String(v));
export const num = v => Number(v);

/** A fresh track id: 10 characters of [A-Za-z0-9] (section 6). */
export function randomTrackId() {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), b => abc[b % abc.length]).join("");
}

/**
 * The position for display index i, leaving out the track `movingId` (section 6, Ordering): halfway between the
 * new neighbours, one beyond the first or last, 0 for a lone track; null when no number fits strictly between
 * the neighbours, in which case the caller renumbers.
 */
export function positionAt(doc, i, movingId) {
  const others = trackOrder(doc).filter(id => id !== movingId).map(id => num(doc.tracks[id].position));
  if (others.length === 0) return 0;
  const before = i === 0 ? -Infinity : others[i - 1];
  const after = i >= others.length ? Infinity : others[i];
  const p = i === 0 ? after - 1 : i >= others.length ? before + 1 : before + (after - before) / 2;
  return before < p && p < after ? p : null;
}

/** Inside a change: positions 0, 1, 2, ... for the tracks in `order` (section 6's fallback). */
function renumber(d, order) { order.forEach((id, k) => { d.tracks[id].position = new A.Float64(k); }); }

/** Track ids in display order: ascending position, ties by id. */
export function trackOrder(doc) {
  // Numeric order (-0 equals 0), then ids by UTF-16 code units, which is what JavaScript's < compares.
  return Object.keys(doc.tracks).sort((a, b) =>
    num(doc.tracks[a].position) - num(doc.tracks[b].position) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The pattern as plain JSON-able data in display order, for comparing replicas. */
export function normalizePattern(doc) {
  return {
    schema: num(doc.schema),
    tracks: trackOrder(doc).map(id => {
      const t = doc.tracks[id];
      return {
        id, name: str(t.name), instrument: str(t.instrument), kind: str(t.kind), volume: num(t.volume),
        muted: t.muted, position: num(t.position),
        steps: t.steps.map(s => ({ on: s.on, velocity: num(s.velocity), note: num(s.note) })),
      };
    }),
  };
}
