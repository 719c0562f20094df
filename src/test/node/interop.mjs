// Interop scenario: independent Automerge replicas (written from docs/PROTOCOL.md only) share one room.
// Usage: node interop.mjs ws://127.0.0.1:PORT/ws   -- exits 0 only if every check held.
import * as A from "@automerge/automerge";
import { LockstepClient, KIND, until, sameHeads, splitChanges, trackOrder } from "./lockstep-client.mjs";

// Until every check has passed, any way out of this process (even the event loop running dry) is a failure.
process.exitCode = 1;
const url = process.argv[2];
if (!url) { console.error("usage: node interop.mjs ws://HOST:PORT/ws"); process.exit(2); }

// A failed check is reported and the scenario goes on where it still makes sense, so one run shows every
// problem; a wait that times out ends the run. Either way the exit status is 1.
let checks = 0, failures = 0;
function check(ok, what, detail = "") {
  checks++;
  if (ok) console.log(`ok ${checks} - ${what}`);
  else { failures++; console.log(`not ok ${checks} - ${what}${detail ? `\n  ${detail}` : ""}`); }
  return ok;
}
const json = v => JSON.stringify(v);
const HEX64 = /^[0-9a-f]{64}$/;

/** What differs between two normalized patterns, as "path: actual != expected" lines (empty when equal). */
function diffPattern(actual, expected) {
  const out = [];
  const order = p => p.tracks.map(t => t.id).join(",");
  if (order(actual) !== order(expected)) out.push(`order: ${order(actual)} != ${order(expected)}`);
  const byId = p => Object.fromEntries(p.tracks.map(t => [t.id, t]));
  const walk = (path, x, y) => {
    if (x !== null && y !== null && typeof x === "object" && typeof y === "object") {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(`${path}.${k}`, x[k], y[k]);
    } else if (json(x) !== json(y)) out.push(`${path}: ${json(x)} != ${json(y)}`);
  };
  walk("schema", actual.schema, expected.schema);
  walk("tracks", byId(actual), byId(expected));
  return out;
}
const samePattern = (actual, expected) => diffPattern(actual, expected).length === 0;
/** The same, except for one track's position value: equal display order is what counts for it (section 3). */
const samePatternButPosition = (actual, expected, id) => diffPattern(actual, expected)
  .every(line => line.startsWith(`tracks.${id}.position:`));

/** Every change each client made has reached every other client as CHANGES. */
const allDelivered = clients => clients.every(to => clients.every(from =>
  from === to || [...from.sentHashes].every(h => to.receivedHashes.has(h) || to.sentHashes.has(h))));
const sameHeadsEverywhere = clients => clients.every(c => sameHeads(c.heads(), clients[0].heads()));

function checkConverged(clients, what) {
  const [first, ...rest] = clients;
  for (const c of rest) {
    check(sameHeads(c.heads(), first.heads()), `${what}: ${c.label} has the same heads as ${first.label}`, `${c.heads()} vs ${first.heads()}`);
    check(samePattern(c.pattern(), first.pattern()), `${what}: ${c.label} has the same pattern as ${first.label}`,
      diffPattern(c.pattern(), first.pattern()).join("\n  "));
  }
}

/** Each frame got exactly one ACK or ERROR, and nobody got their own change back. */
function checkRepliesAndEchoes(clients, what) {
  for (const c of clients) {
    const dup = [...c.repliesBySeq].filter(([, r]) => r.length !== 1);
    check(dup.length === 0, `${what}: ${c.label} got exactly one ACK/ERROR per frame`, json(dup));
    check(c.echoes.length === 0, `${what}: ${c.label} never received its own change back`, json(c.echoes));
  }
}

async function acked(client, sent, what) {
  const reply = await sent.reply;
  check(reply?.type === "ACK" && reply.seq === sent.seq && Array.isArray(reply.heads) && reply.heads.every(h => HEX64.test(h)),
    `${client.label}: ${what} -> ACK with its seq and hex heads`, json(reply));
  return reply;
}

/** Expected pattern: `base` with some fields of one track replaced (then shown in display order again). */
function withTrack(base, id, fields) {
  const tracks = base.tracks.map(t => (t.id === id ? { ...t, ...fields } : t));
  tracks.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...base, tracks };
}

const a = new LockstepClient(url, { name: "Ana", label: "A" });
const b = new LockstepClient(url, { name: "Ben", label: "B" });
const c = new LockstepClient(url, { name: "Cai", label: "C" });
const d = new LockstepClient(url, { name: "Dee", label: "D" });
const abc = [a, b, c];

async function main() {
  // ---- 1. create and join ----------------------------------------------------------------------------------
  await a.connect();
  const aJoined = await a.create();
  check(typeof aJoined.room === "string" && /^[a-z]{4}-[a-z]{4}$/.test(aJoined.room), `A created room ${aJoined.room}`);
  check(aJoined.leader === aJoined.you && aJoined.count === 1 && typeof aJoined.resume === "string",
    "A is the room's only member and its leader, with a resume token", json(aJoined));
  check(Number.isInteger(aJoined.serverTime), "JOINED.serverTime is an integer (microseconds)", json(aJoined.serverTime));
  const initial = a.pattern();
  check(initial.schema === 1, "the room document has schema 1");
  check(json(initial.tracks.map(t => t.id).sort()) === json(["bass", "hat", "kick", "snare"]),
    "the default kit has the tracks kick, snare, hat and bass", json(initial.tracks.map(t => t.id)));
  check(initial.tracks.every(t => t.steps.length === 16), "every track has 16 steps");

  // Codes are accepted in any case, with spaces around and without the dash (section 2, JOIN).
  await b.connect();
  const bJoined = await b.join(a.room.toUpperCase());
  await c.connect();
  const cJoined = await c.join(`  ${a.room.replace("-", "")}  `);
  check(bJoined.room === a.room && cJoined.room === a.room, "B (upper case) and C (no dash, spaces) joined the same room");
  check(new Set([aJoined.you, bJoined.you, cJoined.you]).size === 3, "members have distinct ids");
  check(cJoined.count === 3 && cJoined.members.length === 3 && cJoined.leader === a.you, "C's JOINED lists three members, A leading",
    json(cJoined));
  const memberKeys = ["id", "leader", "name", "presence", "role", "sync"];
  check(cJoined.members.every(m => json(Object.keys(m).sort()) === json(memberKeys)),
    "each member entry has exactly id, name, role, presence, leader and sync", json(cJoined.members));
  await until([a], () => a.count === 3 && a.member(c.you)?.presence === "connected", "A to see C in a ROOM message");
  check(true, "A received ROOM messages announcing B and C");
  checkConverged(abc, "after joining");

  // ---- 2. concurrent edits: all three edit in the same tick, before seeing anyone else's change -------------
  const hat0 = initial.tracks.find(t => t.id === "hat");
  const kick0on = initial.tracks.find(t => t.id === "kick").steps[0].on;
  const sent = {
    a: [["toggle kick 0", a.toggle("kick", 0)], ["velocity snare 4 = 90", a.setVelocity("snare", 4, 90)],
        ["add a melodic track", a.addTrack({ name: "Lead", instrument: "lead", kind: "melodic" })]],
    b: [["toggle kick 0", b.toggle("kick", 0)], ["note bass 2 = 43", b.setNote("bass", 2, 43)],
        ["move hat to the top", b.moveTrack("hat", 0)]],
    c: [["toggle kick 8", c.toggle("kick", 8)], ["remove snare", c.removeTrack("snare")],
        ["note bass 2 = 50", c.setNote("bass", 2, 50)]],
  };
  const clientOf = { a, b, c };
  for (const [k, list] of Object.entries(sent)) for (const [what, s] of list) await acked(clientOf[k], s, what);
  await until(abc, () => allDelivered(abc) && sameHeadsEverywhere(abc), "every edit to reach every replica");
  check(true, "every client received every other client's edits as CHANGES");
  checkRepliesAndEchoes(abc, "concurrent edits");
  checkConverged(abc, "after concurrent edits");

  const merged = a.pattern();
  const track = id => merged.tracks.find(t => t.id === id);
  check(track("kick").steps[0].on === !kick0on, "two concurrent toggles of kick 0 (same intent) merged into one state");
  check(track("kick").steps[8].on !== initial.tracks.find(t => t.id === "kick").steps[8].on, "C's toggle of kick 8 survived");
  check(!track("snare"), "snare is removed (C's removal beats A's concurrent velocity edit inside it)");
  const leadId = sent.a[2][1].id;
  check(/^[A-Za-z0-9]{10}$/.test(leadId) && track(leadId)?.kind === "melodic" && track(leadId).steps.length === 16,
    `A's new track ${leadId} is there`);
  check(trackOrder(a.doc)[0] === "hat", "B's move put hat first", json(trackOrder(a.doc)));
  check([43, 50].includes(track("bass").steps[2].note), "conflicting notes on bass 2 resolved to one of the two writes");

  // A fresh joiner's DOCUMENT must be exactly what the three replicas converged on.
  await d.connect();
  await d.join(a.room);
  checkConverged([a, b, c, d], "fresh joiner D's DOCUMENT");
  await until(abc, () => abc.every(x => x.count === 4), "A, B and C to see D in ROOM");
  check(true, "A, B and C received a ROOM message with four members");

  // ---- 3. undo / redo ---------------------------------------------------------------------------------------
  const beforeUndo = a.pattern();
  const everyone = [a, b, c, d];
  let seen = b.receivedHashes.size;
  const undone = await b.undo();
  if (check(undone.type === "DONE" && undone.ref === "UNDO", "B's UNDO answered DONE", json(undone))) {
    check(b.receivedHashes.size === seen + 1, "B received the reverting change as CHANGES before DONE");
    await until(everyone, () => sameHeadsEverywhere(everyone), "the undo to reach everyone");
    const expectUndo = withTrack(beforeUndo, "hat", { position: hat0.position });
    for (const x of everyone) {
      check(samePatternButPosition(x.pattern(), expectUndo, "hat"), `UNDO by B reverted only B's move of hat at ${x.label}`,
        diffPattern(x.pattern(), expectUndo).join("\n  "));
    }
    seen = b.receivedHashes.size;
    const redone = await b.redo();
    check(redone.type === "DONE" && redone.ref === "REDO" && b.receivedHashes.size === seen + 1, "B's REDO answered DONE after CHANGES",
      json(redone));
    await until(everyone, () => sameHeadsEverywhere(everyone), "the redo to reach everyone");
    for (const x of everyone) {
      check(samePattern(x.pattern(), beforeUndo), `REDO by B restored the move at ${x.label}`,
        diffPattern(x.pattern(), beforeUndo).join("\n  "));
    }
  }
  const nothing = await d.undo();
  check(nothing.type === "ERROR" && nothing.code === "NOTHING_TO_UNDO", "UNDO by D (no edits) gets NOTHING_TO_UNDO", json(nothing));

  // ---- 4. B drops, everyone edits, B comes back with resume + sync ------------------------------------------
  const bId = b.you;
  b.drop();
  await until([a, c], () => [a, c].every(x => x.member(bId)?.presence === "reconnecting"), "A and C to see B reconnecting");
  check(true, "A and C see B as reconnecting");
  const whileAway = a.toggle("hat", 3);
  await acked(a, whileAway, "toggle hat 3 while B is away");
  const offline = b.setVelocity("kick", 8, 64); // B's socket is gone: stays in B's replica
  check(offline.seq === null, "B edited its replica offline (velocity kick 8 = 64), nothing sent");

  const bBack = await b.reconnect();
  check(bBack.you === bId, "B resumed as the same member", json(bBack));
  check(true, "B's sync exchange finished (server's heads = B's heads, nothing left to send)");
  await until(everyone, () => sameHeadsEverywhere(everyone), "all replicas to converge after B's return");
  check([a, c, d].every(x => x.receivedHashes.has(offline.hash)), "B's offline edit reached A, C and D as CHANGES");
  checkConverged(everyone, "after B's reconnect");
  check(a.pattern().tracks.find(t => t.id === "kick").steps[8].velocity === 64, "A sees B's offline velocity");
  check(b.pattern().tracks.find(t => t.id === "hat").steps[3].on === a.pattern().tracks.find(t => t.id === "hat").steps[3].on
    && b.pattern().tracks.find(t => t.id === "hat").steps[3].on !== hat0.steps[3].on, "B has A's edit made while B was away");
  await until([a, c], () => [a, c].every(x => x.member(bId)?.presence === "connected"), "A and C to see B connected again");
  check(true, "A and C see B connected again");
  checkRepliesAndEchoes(everyone, "after reconnect");

  // ---- 5. bad input from D: errors for D only, nothing for the others (section 8) ---------------------------
  const marks = abc.map(x => x.inbox.length);
  // Sends something and returns the first ERROR or ACK that follows it.
  const answer = async (client, send, what) => {
    const mark = client.inbox.length;
    send();
    return client.nextMessage(m => m.type === "ERROR" || m.type === "ACK", mark, what);
  };
  const refused = (e, code, what, extra = true) =>
    check(e?.type === "ERROR" && e.code === code && extra, `${what} -> ERROR ${code}`, json(e));

  let e = await answer(d, () => d.sendText("{\"type\": \"JOIN\", oops"), "reply to malformed JSON");
  refused(e, "BAD_JSON", "malformed JSON (ref null: it could not be read)", e.ref === null && e.seq === null);
  e = await answer(d, () => d.sendJson({ type: "FROBNICATE" }), "reply to an unknown type");
  refused(e, "UNKNOWN_TYPE", "an unknown type (ref: the type refused)", e.ref === "FROBNICATE");
  e = await answer(d, () => d.sendJson({ type: "TIME_PING", t1: 5 }), "reply to a TIME_PING without id");
  refused(e, "BAD_FIELD", "a TIME_PING without its id (ref: the type refused)", e.ref === "TIME_PING");
  e = await answer(d, () => d.sendJson({ type: "JOIN", room: a.room, name: "Dee" }), "reply to a second JOIN");
  refused(e, "ALREADY_JOINED", "JOIN while in a room", e.ref === "JOIN");
  const bad = d.trySend(x => { x.tracks.kick.steps[0].velocity = 500; });
  refused(await bad.reply, "SCHEMA_VIOLATION", "velocity 500 (with the frame's seq, ref BINARY)",
    (await bad.reply).seq === bad.seq && (await bad.reply).ref === "BINARY");
  const extra = d.trySend(x => { x.tracks.kick.steps.push({ on: false, velocity: 100, note: 60 }); });
  refused(await extra.reply, "SCHEMA_VIOLATION", "a 17th step", (await extra.reply).seq === extra.seq);
  const garbage = d.sendChanges(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
  refused(await garbage.reply, "BAD_CHANGE", "garbage change bytes", (await garbage.reply).seq === garbage.seq);
  const old = d.sendChanges(A.getAllChanges(d.doc)[0]);
  refused(await old.reply, "NO_NEW_CHANGE", "a change the room already has", (await old.reply).seq === old.seq);
  e = await answer(d, () => d.sendBinary(KIND.SYNC, new Uint8Array([9, 9, 9])), "reply to a garbage SYNC frame");
  refused(e, "BAD_SYNC", "a SYNC frame that is no sync message");
  e = await answer(d, () => d.sendRawBinary([KIND.CHANGES, 0, 0]), "reply to a 3-byte frame");
  refused(e, "BAD_FRAME", "a frame shorter than 5 bytes");
  // A seq of its own: the ERROR echoes it (section 8), and it must not answer for another frame.
  e = await answer(d, () => d.sendRawBinary([0x07, 0xff, 0xff, 0xff, 0xf9, 1, 2]), "reply to an unknown frame kind");
  refused(e, "BAD_FRAME", "a binary frame of unknown kind");
  e = await answer(d, () => d.sendBinary(KIND.DOCUMENT, A.save(d.doc)), "reply to a DOCUMENT from a client");
  refused(e, "BAD_FRAME", "a DOCUMENT frame sent by a client");
  e = await answer(d, () => d.sendText(JSON.stringify({ type: "TIME_PING", id: 1, t1: 1, pad: "x".repeat(9000) })), "reply to a 9 KB text frame");
  refused(e, "FRAME_TOO_LARGE", "a 9 KB text frame");
  check(d.connected, "D's connection survived all its errors");

  // The others must notice nothing: the next frame any of them sees is D's valid marker edit.
  const marker = d.toggle("bass", 15);
  await acked(d, marker, "a valid edit after the errors");
  await until(abc, () => abc.every(x => x.receivedHashes.has(marker.hash)), "D's marker edit to reach A, B and C");
  abc.forEach((x, i) => {
    // Replies to the member's own frames (the ACKs of its last SYNC frames, section 5) are not D's doing.
    const frames = x.inbox.slice(marks[i]).filter(f => !(f.type === "JSON" && f.msg.type === "ACK"))
      .map(f => f.type === "JSON" ? f.msg.type : f.type);
    check(json(frames) === json(["CHANGES"]), `${x.label} noticed nothing of D's bad input (only the marker CHANGES arrived)`, json(frames));
  });
  checkConverged(everyone, "after the bad input");

  // Before joining a room (a socket of its own).
  const e2 = new LockstepClient(url, { name: "Eve", label: "E" });
  await e2.connect();
  const early = await e2.timePing();
  check(early.reply.type === "TIME_PONG", "TIME_PING works before joining a room", json(early.reply));
  const nj = e2.sendChanges(A.getLastLocalChange(d.doc));
  refused(await nj.reply, "NOT_JOINED", "a binary frame before joining");
  e = await answer(e2, () => e2.sendJson({ type: "UNDO" }), "reply to UNDO before joining");
  refused(e, "NOT_JOINED", "UNDO before joining");
  const joinError = (room, opts, name = "Eve") => { e2.name = name; return e2.join(room, opts).then(() => null, err => err.reply); };
  refused(await joinError(a.room, { resume: "no-such-token" }), "UNKNOWN_MEMBER", "JOIN with an unknown resume token");
  refused(await joinError(a.room === "zzzz-zzzz" ? "yyyy-yyyy" : "zzzz-zzzz"), "UNKNOWN_ROOM", "JOIN of a room that does not exist");
  refused(await joinError(a.room, {}, "   "), "BAD_NAME", "JOIN with a blank name");
  refused(await joinError(a.room, {}, "x".repeat(33)), "BAD_NAME", "JOIN with a 33-character name");
  e2.close();

  // ---- 6. a change that arrives before its dependency (section 6) -------------------------------------------
  // D makes two changes but sends the second first: the server holds it (no error, nothing forwarded) and
  // forwards both once the first arrives.
  const marks2 = abc.map(x => x.inbox.length);
  const flip = k => x => { x.tracks.bass.steps[k].on = !x.tracks.bass.steps[k].on; };
  const { hash: h2, bytes: c2 } = d.editLocally(flip(13));
  const { hash: h3, bytes: c3 } = d.editLocally(flip(12));
  const r3 = await d.sendChanges(c3).reply;
  check(r3.type === "ACK", "a change sent before its dependency is accepted without error", json(r3));
  const r2 = await d.sendChanges(c2).reply;
  check(r2.type === "ACK" && r2.heads.includes(h3), "once the dependency arrives, both apply (ACK heads = the later change)", json(r2));
  await until(abc, () => abc.every(x => x.receivedHashes.has(h3)), "both held changes to reach A, B and C");
  abc.forEach((x, i) => {
    const frames = x.inbox.slice(marks2[i]).filter(f => f.type === "CHANGES")
      .map(f => splitChanges(f.payload).map(ch => ({ [h2]: "dependency", [h3]: "held" })[A.decodeChange(ch).hash] ?? "other"));
    check(json(frames.flat()) === json(["dependency", "held"]),
      `${x.label} got the held change after its dependency (section 3: dependencies are always present)`, `CHANGES frames: ${json(frames)}`);
  });
  checkConverged(everyone, "after the held change");
  checkRepliesAndEchoes(everyone, "at the end");

  // ---- 7. clock and transport (section 7) -------------------------------------------------------------------
  const ping = await a.timePing();
  check(ping.reply.type === "TIME_PONG" && ping.reply.id === ping.id && ping.reply.t1 === ping.t1,
    "TIME_PONG echoes id and t1", json(ping.reply));
  check(Number.isInteger(ping.reply.t2) && Number.isInteger(ping.reply.t3) && ping.reply.t2 <= ping.reply.t3,
    "t2 <= t3, integer microseconds", json(ping.reply));
  check(ping.delay >= 0, `delay ${ping.delay} µs is not negative (offset ${Math.round(ping.offset)} µs)`);

  c.clockReport(1800, 120, -12.5);
  await until([a, b, d], () => [a, b, d].every(x => json(x.member(c.you)?.sync) === json({ rtt: 1800, uncertainty: 120, drift: -12.5 })),
    "C's CLOCK_REPORT to show in ROOM");
  check(true, "C's CLOCK_REPORT reached A, B and D as ROOM.members[].sync");

  const notLeader = await b.transport({ type: "PLAY" });
  refused(notLeader, "NOT_LEADER", "PLAY from B, who does not lead", notLeader.ref === "PLAY");
  const tMarks = everyone.map(x => x.inbox.length);
  const pong = (await a.timePing()).reply;
  const play = await a.transport({ type: "PLAY" });
  const seg = play.timeline?.segments?.at(-1);
  check(play.type === "TIMELINE" && seg?.fromStep === 0 && seg.untilStep === null && Number.isInteger(seg.at),
    "PLAY by the leader -> TIMELINE with an open segment from step 0", json(play));
  check(seg?.at >= pong.t3 + 100_000, "playback starts at least the minimum lead time (100 ms) ahead", `at ${seg?.at}, pong t3 ${pong.t3}`);
  await until(everyone, () => everyone.every((x, i) => x.messagesSince(tMarks[i]).some(m => m.type === "TIMELINE")), "TIMELINE at everyone");
  check(everyone.every((x, i) => json(x.messagesSince(tMarks[i]).find(m => m.type === "TIMELINE")) === json(play)),
    "every member received the same TIMELINE");
  const stop = await a.transport({ type: "STOP" });
  const last = stop.timeline?.segments?.at(-1);
  check(stop.type === "TIMELINE" && (!last || Number.isInteger(last.untilStep)), "STOP -> TIMELINE whose last segment ends", json(stop));

  // ---- 8. leaving ---------------------------------------------------------------------------------------------
  const dId = d.you;
  const left = await d.leave();
  check(left.type === "DONE" && left.ref === "LEAVE", "D's LEAVE answered DONE", json(left));
  await until(abc, () => abc.every(x => x.count === 3 && (x.member(dId) ?? { presence: "gone" }).presence === "gone"),
    "A, B and C to see D gone");
  check(true, "A, B and C see D gone and count 3");

  abc.forEach(x => x.close());
  if (failures) throw new Error(`${failures} of ${checks} checks failed`);
  console.log(`all ${checks} checks passed`);
}

main().then(() => process.exit(0), err => {
  console.error(err.stack ?? String(err));
  process.exit(1);
});
