// The monitoring overview in Debian's Chromium (headless, playwright-core) against the
// receiver(s) console_monitoring_test.cpp started on a synthetic population: a teamleider
// filters, reads charts and tables, is refused another team, exports for two purposes and
// downloads both ZIPs (the C++ side unzips and checks them); a beleid user sees the whole
// municipality. axe-core on every page (WCAG 2.1 A and AA), screenshots at 1366x768.
import { chromium } from 'playwright-core';
import { checkPage, expect, now, totp } from './browser_common.mjs';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const base = env.KT_CONSOLE_URL;
const base2 = env.KT_CONSOLE_URL_2;
const shots = env.KT_SCREENSHOTS;
const downloads = env.KT_DOWNLOADS;
const PASSWORD = 'paars-fietsrek-onder-de-brug-42';
const violations = {};

async function check(page, name) {
  await checkPage(page, name, shots, violations);
}

const text = (page) => page.locator('main').innerText();

// Activation (password + TOTP) and a login with the next step's code.
async function activateAndLogin(page, link, name) {
  await page.goto(base + link);
  const secret = (await page.locator('#totp-sleutel').innerText()).trim();
  await page.fill('#wachtwoord', PASSWORD);
  await page.fill('#herhaling', PASSWORD);
  const t = now();
  await page.fill('#code', totp(secret, t));
  await page.click('main button[type=submit]');
  expect((await text(page)).includes('Account geactiveerd'), `${name} activated`);
  await page.goto(base + '/inloggen');
  await page.fill('#naam', name);
  await page.fill('#wachtwoord', PASSWORD);
  await page.fill('#code', totp(secret, t + 30));
  await page.click('main button[type=submit]');
  expect(page.url().endsWith('/monitoring'), `${name} lands on the monitoring page`);
}

// Starts an export for `purpose` from the overview at `query`, follows its progress page until
// the download link shows, and saves the ZIP as downloads/<purpose>.zip.
async function exportFor(page, query, purpose, shotName) {
  await page.goto(base + '/monitoring?' + query);
  await page.selectOption('#doel', purpose);
  await page.click('.console-export button[type=submit]');
  expect(/\/monitoring\/export\?id=[0-9a-f]{32}$/.test(page.url()), 'the export runs as a job: ' + purpose);
  const jobUrl = page.url();
  let sawProgress = false;
  for (let i = 0; i < 240 && (await page.locator('#download').count()) === 0; ++i) {
    if ((await page.locator('progress').count()) > 0) {
      sawProgress = true;
      if (shotName) await check(page, shotName + '-voortgang');
    }
    await page.waitForTimeout(500);
    await page.goto(jobUrl);  // a reload: the progress comes from the store
  }
  console.log(`figure: progress bar seen while exporting (${purpose}): ${sawProgress}`);
  expect((await page.locator('#download').count()) === 1, 'the export finished: ' + purpose);
  if (shotName) await check(page, shotName + '-klaar');
  if (base2) {
    const other = await page.context().newPage();
    await other.goto(jobUrl.replace(base, base2));
    expect((await other.locator('#download').count()) === 1, 'receiver B shows the job receiver A ran');
    await other.close();
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  expect(new RegExp(`^keukentafel-${purpose}-\\d{4}-\\d{2}-\\d{2}\\.zip$`).test(download.suggestedFilename()),
    'the ZIP is named by purpose and date: ' + download.suggestedFilename());
  await download.saveAs(path.join(downloads, purpose + '.zip'));
}

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-chromium-'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', args: [...flags, `--user-data-dir=${profile}`],
  headless: true,
}).catch(async () => chromium.launch({ executablePath: '/usr/bin/chromium', args: flags }));
const contextOptions = { ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 },
  locale: 'nl-NL', acceptDownloads: true };
let failed = false;
try {
  const tl = await (await browser.newContext(contextOptions)).newPage();
  await activateAndLogin(tl, env.KT_ACTIVATE_TEAMLEIDER, 'tl');
  let words = await text(tl);
  expect(words.includes('Geen rapportcijfer') && await tl.locator('.console-caveat').isVisible(),
    'the caveat is on the overview, visible');
  expect((await tl.locator('svg.console-chart').count()) >= 5, 'the overview shows its charts');
  expect((await tl.locator('details table').count()) === (await tl.locator('svg.console-chart').count()),
    'every chart has its table');
  expect(!words.includes('Wijkteam B') && (await tl.locator('#team option').allInnerTexts()).join() === 'Alle teams,Wijkteam A',
    'a teamleider chooses among their own team only');
  await check(tl, 'monitoring-teamleider');
  await tl.locator('#grafiek-niveaus details summary').click();
  await tl.locator('#grafiek-niveaus').scrollIntoViewIfNeeded();
  await check(tl, 'monitoring-tabel');

  // Filters: one quarter and one wijk.
  const quarters = await tl.locator('#van option').evaluateAll((os) => os.map((o) => o.value));
  const wijken = (await tl.locator('#wijk option').evaluateAll((os) => os.map((o) => o.value))).filter((w) => w);
  const first = quarters[quarters.length - 1];
  await tl.selectOption('#van', first);
  await tl.selectOption('#tot', first);
  await tl.selectOption('#wijk', wijken[0]);
  await tl.click('form.console-filter button[type=submit]');
  const url = new URL(tl.url());
  expect(url.searchParams.get('van') === first && url.searchParams.get('wijk') === wijken[0],
    `the filter is in the URL (${first}, ${wijken[0]})`);
  words = await text(tl);
  expect(words.includes('Geen rapportcijfer') && (words.includes('cliënten gemeten van ' + first) ||
    words.includes('Te weinig cliënten om te tonen')), 'the filtered page shows its selection or the message');
  await check(tl, 'monitoring-gefilterd');
  fs.writeFileSync(path.join(downloads, 'filter.txt'), `${first} ${wijken[0]}\n`);

  // A wijk of another team: fewer than k clients, so the message and no numbers.
  const tiny = await tl.goto(base + '/monitoring?wijk=' + encodeURIComponent(env.KT_OTHER_WIJK));
  words = await text(tl);
  expect(tiny.status() === 200 && words.includes('Te weinig cliënten om te tonen') &&
    (await tl.locator('svg.console-chart').count()) === 0 && (await tl.locator('table').count()) === 0,
    'a selection below k shows the message, not the numbers');
  await check(tl, 'monitoring-te-weinig');

  // Another team in the URL: 403 (and an audit row, checked by the C++ side).
  const other = await tl.goto(base + '/monitoring?team=' + encodeURIComponent('Wijkteam B'));
  expect(other.status() === 403 && (await text(tl)).includes('Geen toegang'), 'a teamleider asking for team B gets 403');
  await check(tl, 'monitoring-geen-toegang');

  // Export for the filters of the first wijk's whole period, for two purposes.
  const query = `van=${quarters[quarters.length - 1]}&tot=${quarters[0]}&wijk=${encodeURIComponent(wijken[0])}`;
  await exportFor(tl, query, 'monitoring-2026', 'export');
  await exportFor(tl, query, 'evaluatie-2026', null);
  fs.writeFileSync(path.join(downloads, 'filter.txt'),
    `${quarters[quarters.length - 1]} ${quarters[0]} ${wijken[0]}\n`);

  // English overview.
  await tl.goto(base + '/monitoring?lang=en');
  words = await text(tl);
  expect(words.includes('Not a report card') && !words.includes('Geen rapportcijfer'), 'the overview in English');
  await check(tl, 'monitoring-en');
  await tl.goto(base + '/monitoring?lang=nl');

  // beleid: the whole municipality, per wijk; teams below k are merged, never named.
  const pol = await (await browser.newContext(contextOptions)).newPage();
  await activateAndLogin(pol, env.KT_ACTIVATE_BELEID, 'pol');
  words = await text(pol);
  expect(words.includes('hele gemeente') && (await pol.locator('#team option').count()) > 2,
    'beleid sees the whole municipality and every team to choose');
  await check(pol, 'monitoring-beleid');
  await pol.locator('#grafiek-niveaus-wijk').scrollIntoViewIfNeeded();
  await check(pol, 'monitoring-beleid-wijken');
} catch (e) {
  failed = true;
  console.log('FAILED: ' + e.message);
  for (const ctx of browser.contexts())
    for (const p of ctx.pages())
      console.log(`page ${p.url()}:\n` + (await p.locator('main').innerText().catch(() => '')).slice(0, 1500));
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
const total = Object.values(violations).reduce((a, b) => a + b, 0);
console.log(`axe total: ${total} violations over ${Object.keys(violations).length} pages`);
process.exit(failed || total > 0 ? 1 : 0);
