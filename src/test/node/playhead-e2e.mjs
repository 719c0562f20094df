// The playhead in real browsers: A leads a room and presses play; A's and B's pages light the same step at the same
// moment, each from its own clock (synced on its own socket) and the room's timeline; a late joiner falls into phase;
// the sync panels and the member list show clock numbers; a stop at the bar end stops both on a bar line.
// Usage: node playhead-e2e.mjs <base url> [screenshot.png]
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
if (!base) {
  console.error('usage: node playhead-e2e.mjs <base url> [screenshot.png]');
  process.exit(2);
}
const WAIT = { timeout: 20000 };
const BPM = 150;
const STEP_MICROS = 60_000_000 / BPM / 4;
const SAMPLES = 20;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function musician(name) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  page.on('pageerror', e => console.log(`[${name}] page error: ${e.message}`));
  await page.goto(base + '/');
  await page.locator('#name input').fill(name);
  return page;
}

async function join(name, code) {
  const page = await musician(name);
  await page.locator('#code input').fill(code);
  await page.locator('#join').click();
  await page.waitForURL(new RegExp(`/room/${code}$`), WAIT);
  return page;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** The lit pattern step (or null) and the page's own estimate of server time, read in one go. */
const sample = (page) => page.evaluate(() => ({
  lit: document.querySelector('.pad.now') ? Number(document.querySelector('.pad.now').dataset.step) : null,
  server: document.querySelector('#sync').lockstep.clock.serverNow(),
}));

/**
 * Samples two pages together, again and again. Where both clocks and both playheads are right, a's lit step minus b's,
 * less the steps between the two reading times, is zero, or nearly one when the two readings straddle a step boundary:
 * under one step (plus a frame or two of lag) each time. Its mean over many samples is the pages' phase difference in
 * steps, zero give or take the sampling noise. A page a step off fails, and so does one lagging by a third of a step
 * (40 ms at this tempo) on average.
 */
async function expectInPhase(a, b, label) {
  const differences = [];
  const lit = [];
  for (let i = 0; i < SAMPLES; i++) {
    const [x, y] = await Promise.all([sample(a), sample(b)]);
    check(x.lit !== null && y.lit !== null, `${label}: a page lights nothing while playing (${x.lit}, ${y.lit})`);
    const raw = x.lit - y.lit - (x.server - y.server) / STEP_MICROS;
    differences.push(raw - 16 * Math.round(raw / 16));
    lit.push(x.lit);
    await a.waitForTimeout(90 + 17 * (i % 5)); // uneven gaps, so the samples fall all over the step
  }
  const worst = Math.max(...differences.map(Math.abs));
  const mean = differences.reduce((s, d) => s + d, 0) / differences.length;
  console.log(`${label}: lit ${lit.join(' ')}; worst ${worst.toFixed(2)} step, mean ${mean.toFixed(2)} step`);
  check(worst < 1.5, `${label}: the pages lit steps ${worst.toFixed(2)} steps apart`);
  check(Math.abs(mean) < 0.33, `${label}: one page lags the other by ${mean.toFixed(2)} step on average`);
  check(new Set(lit).size >= 8, `${label}: the playhead does not advance: ${lit.join(' ')}`);
}

async function expectSyncNumbers(page, label) {
  await page.waitForFunction(() => /^\d+\.\d+ ms$/.test(document.querySelector('#sync-rtt')?.textContent ?? ''), null, WAIT);
  const panel = await page.evaluate(() => Object.fromEntries(['rtt', 'offset', 'drift', 'samples']
    .map(k => [k, document.querySelector(`#sync-${k}`).textContent])));
  console.log(`${label} sync panel: ${JSON.stringify(panel)}`);
  check(/^[+-]\d+\.\d+ ± \d+\.\d+ ms$/.test(panel.offset), `${label}: offset reads ${panel.offset}`);
  check(/^[+-]\d+\.\d ppm$/.test(panel.drift), `${label}: drift reads ${panel.drift}`);
  check(Number(panel.samples) >= 4, `${label}: ${panel.samples} samples`);
}

try {
  const a = await musician('Ada');
  await a.locator('#create').click();
  await a.waitForURL(/\/room\//, WAIT);
  const code = (await a.locator('#room-code').textContent()).trim();
  const b = await join('Bob', code);
  console.log(`Ada leads room ${code}, Bob joined`);

  await expectSyncNumbers(a, 'Ada');
  await expectSyncNumbers(b, 'Bob');
  check(await b.locator('#play').isDisabled(), "Bob's play button works, but Ada leads");

  await a.locator('#tempo input').fill(String(BPM));
  await a.locator('#tempo input').press('Enter');
  await b.waitForFunction(bpm => document.querySelector('#tempo input')?.value === bpm, String(BPM), WAIT);
  console.log(`Ada set ${BPM} BPM; Bob reads it`);

  await a.locator('#play').click();
  await Promise.all([a, b].map(p => p.locator('.pad.now').first().waitFor({ state: 'attached', ...WAIT })));
  await expectInPhase(a, b, 'Ada and Bob');

  const c = await join('Cy', code);
  await c.locator('.pad.now').first().waitFor({ state: 'attached', ...WAIT });
  await expectSyncNumbers(c, 'Cy');
  await expectInPhase(a, c, 'Ada and late Cy');

  // Every member's clock quality reaches everyone's member list.
  await a.waitForFunction(() => document.querySelectorAll('#members .member-sync').length === 3, null, WAIT);
  console.log(`Ada's list: ${(await a.locator('#members .member-sync').allTextContents()).join(', ')}`);

  if (screenshot) {
    await a.evaluate(() => { for (const e of document.body.children) if (/^(VAADIN-DEV|COPILOT)/.test(e.tagName)) e.remove(); });
    await a.screenshot({ path: screenshot });
  }

  await a.locator('#stop-at-bar-end').click();
  await a.locator('#stop').click();
  for (const page of [a, b, c]) {
    await page.waitForFunction(() => !document.querySelector('.pad.now'), null, WAIT);
    const position = await page.locator('#position').textContent();
    check(/^\d+\.1$/.test(position), `stopped at ${position}, not on a bar line`);
  }
  console.log(`stopped at the bar end: ${await b.locator('#position').textContent()}`);

  await browser.close();
  console.log('ok');
} catch (e) {
  console.error(`FAILED: ${e.stack ?? e}`);
  await browser.close();
  process.exit(1);
}
