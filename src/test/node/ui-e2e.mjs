// Two musicians in one room, in Debian's Chromium: A starts a room, B joins by its code,
// each sees the other's toggles and both see two members.
// Usage: node ui-e2e.mjs <base url> [screenshot.png]
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
if (!base) {
  console.error('usage: node ui-e2e.mjs <base url> [screenshot.png]');
  process.exit(2);
}
const WAIT = { timeout: 20000 };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'], // Playwright gives each launch a fresh profile itself
});

function step(trackIndex, stepIndex) {
  return `.track-row:nth-child(${trackIndex + 1}) .pad[data-step="${stepIndex}"]`;
}

async function musician(name) {
  // A context each: two browsers, two Vaadin sessions.
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  page.on('pageerror', e => console.log(`[${name}] page error: ${e.message}`));
  await page.goto(base + '/');
  await page.locator('#name input').fill(name);
  return page;
}

async function expectOn(page, selector, on) {
  await page.locator(on ? `${selector}.on` : `${selector}:not(.on)`).waitFor({ state: 'attached', ...WAIT });
}

async function expectMembers(page, count) {
  await page.waitForFunction(n => document.querySelector('#member-count')?.textContent === n, String(count), WAIT);
}

try {
  const a = await musician('Ada');
  await a.locator('#create').click();
  await a.waitForURL(/\/room\//, WAIT);
  const code = (await a.locator('#room-code').textContent()).trim();
  console.log(`A created room ${code}`);

  const b = await musician('Bob');
  // Typed loosely, as people do: upper case, no dash.
  await b.locator('#code input').fill(code.replace('-', '').toUpperCase());
  await b.locator('#join').click();
  await b.waitForURL(new RegExp(`/room/${code}$`), WAIT);
  console.log('B joined');

  await expectMembers(a, 2);
  await expectMembers(b, 2);
  console.log('both list two members');

  // Kick step 2 is off in the default kit.
  await expectOn(b, step(0, 1), false);
  await a.locator(step(0, 1)).click();
  await expectOn(b, step(0, 1), true);
  console.log("A's toggle reached B");

  await expectOn(a, step(1, 0), false);
  await b.locator(step(1, 0)).click();
  await expectOn(a, step(1, 0), true);
  console.log("B's toggle reached A");

  // The keyboard, in A: from the clicked kick step, move down to the snare and toggle step 2.
  await a.keyboard.press('ArrowDown');
  await a.keyboard.press('Space');
  await expectOn(b, step(1, 1), true);
  console.log("A's keyboard toggle reached B");

  if (screenshot) {
    await a.screenshot({ path: screenshot });
  }

  await b.close({ runBeforeUnload: true });
  await expectMembers(a, 1);
  console.log("B closed its tab and left A's member list");
  await browser.close();
  console.log('ok');
} catch (e) {
  console.error(`FAILED: ${e.stack ?? e}`);
  await browser.close();
  process.exit(1);
}
