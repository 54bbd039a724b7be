// The console's pages in Debian's Chromium (headless, driven by playwright-core), against the
// receiver(s) console_browser_test.cpp started. Every page is checked with axe-core (WCAG 2.1
// A and AA; the count per page is printed) and screenshotted at 1366x768. Exits 1 on the first
// failed expectation, naming it.
import { chromium } from 'playwright-core';
import { checkPage, expect, now, totp } from './browser_common.mjs';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const base = env.KT_CONSOLE_URL;
const base2 = env.KT_CONSOLE_URL_2;
const shots = env.KT_SCREENSHOTS;
const PASSWORD = 'paars-fietsrek-onder-de-brug-42';
const violations = {};

async function check(page, name) {
  await checkPage(page, name, shots, violations);
}

function cli(...args) {
  return spawnSync(env.KT_CLI, [args[0], '--vault', env.KT_VAULT, '--passphrase-file',
    env.KT_PASS_FILE, ...args.slice(1)], { encoding: 'utf8' });
}

async function text(page) {
  return page.locator('main').innerText();
}

async function login(page, url, name, password, code) {
  await page.goto(url + '/inloggen');
  await page.fill('#naam', name);
  await page.fill('#wachtwoord', password);
  await page.fill('#code', code);
  await page.click('main button[type=submit]');
}

async function activate(page, link, name) {
  await page.goto(base + link);
  const secret = (await page.locator('#totp-sleutel').innerText()).trim();
  await page.fill('#wachtwoord', PASSWORD);
  await page.fill('#herhaling', PASSWORD);
  const t = now();
  await page.fill('#code', totp(secret, t));
  await page.click('main button[type=submit]');
  expect((await text(page)).includes('Account geactiveerd'), `${name} activated`);
  return { secret, used: t };
}

async function logout(page) {
  await page.click('header button[type=submit]');
  expect((await text(page)).includes('U bent uitgelogd'), 'logged out');
}

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-chromium-'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', args: [...flags, `--user-data-dir=${profile}`],
  headless: true,
}).catch(async () => chromium.launch({ executablePath: '/usr/bin/chromium', args: flags }));
const contextOptions = { ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 },
  locale: 'nl-NL' };
let failed = false;
try {
  const ctx = await browser.newContext(contextOptions);
  const page = await ctx.newPage();

  // Headers on the login page; a wrong activation link.
  const first = await page.goto(base + '/inloggen');
  const h = first.headers();
  expect(/frame-ancestors 'none'/.test(h['content-security-policy']) &&
    !/unsafe-inline/.test(h['content-security-policy']) &&
    !/script-src/.test(h['content-security-policy']), 'CSP without inline script or style');
  expect(/max-age=\d+/.test(h['strict-transport-security'] || ''), 'HSTS');
  expect(h['referrer-policy'] === 'no-referrer', 'Referrer-Policy no-referrer');
  expect(h['x-content-type-options'] === 'nosniff', 'nosniff');
  expect(h['cache-control'] === 'no-store', 'Cache-Control no-store');
  await check(page, 'inloggen');
  const bad = await page.goto(base + '/activeren?token=' + 'ab'.repeat(32));
  expect(bad.status() === 404 && (await text(page)).includes('Activeringslink ongeldig'),
    'an unknown activation link gets a Dutch message');
  await check(page, 'activeren-ongeldig');

  // English: ?lang=en is kept in a cookie; every word from locales/en.txt, lang="en" on the page.
  const en = await (await browser.newContext(contextOptions)).newPage();
  await en.goto(base + '/inloggen?lang=en');
  let words = await en.locator('body').innerText();
  expect(await en.getAttribute('html', 'lang') === 'en' &&
    (await en.locator('h1').innerText()) === 'Log in' && words.includes('Password') &&
    words.includes('Code from your authenticator app'), 'the English login page is English');
  for (const dutch of ['Inloggen', 'Wachtwoord', 'Naam', ' uw ', 'herstelcodes', 'gemeente'])
    expect(!words.includes(dutch), 'no Dutch on the English login page: ' + dutch);
  expect(await en.locator('a[lang=nl][hreflang=nl]').innerText() === 'Nederlands',
    'the switch to Dutch is marked lang="nl"');
  await check(en, 'inloggen-en');
  await en.goto(base + '/activeren?token=' + 'cd'.repeat(32));
  expect(await en.getAttribute('html', 'lang') === 'en' &&
    (await text(en)).includes('Activation link not valid'), 'the cookie keeps the console English');
  await check(en, 'activeren-ongeldig-en');
  await en.click('a[hreflang=nl]');
  expect(await en.getAttribute('html', 'lang') === 'nl' && en.url().includes('token=' + 'cd'.repeat(32)) &&
    (await text(en)).includes('Activeringslink ongeldig'), 'the switch back to Dutch keeps the page');

  // Activation: a weak password is refused at its field; then password + TOTP.
  await page.goto(base + env.KT_ACTIVATE_BEHEER);
  await check(page, 'activeren');
  await page.fill('#wachtwoord', 'qwertyuiop');
  await page.fill('#herhaling', 'qwertyuiop');
  await page.fill('#code', '000000');
  await page.click('main button[type=submit]');
  expect(await page.locator('#wachtwoord[aria-invalid=true]').count() === 1 &&
    (await page.locator('#wachtwoord').getAttribute('aria-describedby')).includes('wachtwoord-fout'),
    'a weak password is refused with a message tied to its field');
  await check(page, 'activeren-fouten');
  const anna = await activate(page, env.KT_ACTIVATE_BEHEER, 'beheer');
  const codes = await page.locator('#herstelcodes code').allInnerTexts();
  expect(codes.length === 10, 'ten recovery codes shown');
  await check(page, 'geactiveerd');
  const reused = await page.goto(base + env.KT_ACTIVATE_BEHEER);
  expect(reused.status() === 404, 'a used activation link is refused');

  // Login with the next step's code (the current one was used at activation).
  const code = totp(anna.secret, anna.used + 30);
  await login(page, base, 'anna', PASSWORD, code);
  expect(page.url().endsWith('/apparaten'), 'beheer lands on the devices page');
  const cookies = await ctx.cookies();
  const c = cookies.find((k) => k.name === '__Host-kt-console');
  expect(c && c.secure && c.httpOnly && c.sameSite === 'Strict' && c.path === '/' &&
    !c.domain.startsWith('.'), 'session cookie __Host-, Secure, HttpOnly, SameSite=Strict, no Domain');
  expect(c.value.length === 64, 'session id of 256 bits');
  await check(page, 'apparaten-leeg');

  // Enroll a device: the code on the page goes into the real keukentafel-cli.
  await page.click('text=Nieuw apparaat aanmelden >> nth=0');
  await check(page, 'nieuw-apparaat');
  await page.fill('#naam', 'tablet-console-1');
  await page.fill('#team', 'Oost');
  await page.click('main button[type=submit]');
  const enrollCode = (await page.locator('#aanmeldcode').innerText()).trim();
  expect(enrollCode.length >= 8 && await page.locator('.console-qr svg').count() === 1,
    'the one-time code and its QR are shown');
  await check(page, 'aanmeldcode');
  let r = cli('enroll', '--url', env.KT_API_URL, '--code', enrollCode);
  expect(r.status === 0, 'keukentafel-cli enroll with the code from the page: ' + r.stderr);
  r = cli('sync');
  expect(r.status === 0, 'keukentafel-cli sync: ' + r.stderr);
  await page.goto(base + '/apparaten');
  const row = page.locator('tr', { hasText: 'tablet-console-1' });
  const checkin = (await row.locator('.console-checkin').innerText()).trim();
  expect(checkin !== 'nog nooit' && checkin.includes('UTC'), 'the device page shows its last checkin: ' + checkin);
  await check(page, 'apparaten');
  await page.goto(base + '/apparaten?lang=en');
  words = await page.locator('body').innerText();
  expect(await page.getAttribute('html', 'lang') === 'en' && words.includes('Audit log') &&
    words.includes('Last contact') && words.includes('Logged in as anna (application manager)') &&
    !words.includes('Apparaten') && !words.includes('Intrekken'), 'the devices page in English');
  await check(page, 'apparaten-en');
  await page.goto(base + '/apparaten?lang=nl');
  await page.goto(base + '/apparaten?team=West');
  expect((await text(page)).includes('Er zijn geen apparaten'), 'the team filter applies');

  // CSRF: a POST without (or with a wrong) token changes nothing and gets 403.
  let p = await page.request.post(base + '/apparaten/nieuw', { form: { naam: 'x', team: 'y' }, maxRedirects: 0 });
  expect(p.status() === 403, 'POST without CSRF token: 403');
  p = await page.request.post(base + '/apparaten/intrekken',
    { form: { id: 'x', csrf: 'f'.repeat(64) }, maxRedirects: 0 });
  expect(p.status() === 403, 'POST with a wrong CSRF token: 403');

  // Revoke with a confirmation naming the device; the next sync is refused; the wipe is audited.
  await page.goto(base + '/apparaten');
  await row.locator('a', { hasText: 'Intrekken' }).click();
  expect((await page.locator('#intrekken-naam').innerText()) === 'tablet-console-1',
    'the confirmation names the device');
  await check(page, 'intrekken');
  await page.click('main button[type=submit]');
  expect((await text(page)).includes('is ingetrokken'), 'revoked');
  await check(page, 'ingetrokken');
  r = cli('sync');
  expect(r.status !== 0 && r.stderr.includes('ingetrokken'), 'the next sync is refused');
  await page.goto(base + '/audit?soort=device_wiped');
  expect(await page.locator('tbody tr').count() === 1, 'the audit page shows the wipe');
  await check(page, 'auditlog');

  // Role: beheer never sees monitoring. Bad input: 1 MB field, bad cookie, odd paths.
  p = await page.request.get(base + '/monitoring', { maxRedirects: 0 });
  expect(p.status() === 403, 'beheer gets 403 on monitoring');
  p = await page.request.post(base + '/inloggen', { form: { naam: 'x'.repeat(1 << 20) }, maxRedirects: 0 });
  expect(p.status() === 413, 'a 1 MB form field: 413');
  for (const bad of ['/../../etc/passwd', '/static/../../keys/tls.key', '/static/%2e%2e/x', '/v1/checkin']) {
    p = await page.request.get(base + bad, { maxRedirects: 0 });
    expect(p.status() === 404, 'outside the console: 404 for ' + bad);
  }
  const anon = await browser.newContext(contextOptions);
  for (const cookie of ['__Host-kt-console=garbage', '__Host-kt-console=' + 'a'.repeat(64),
    '__Host-kt-console=;;;=', '__Host-kt-console=' + c.value + '; __Host-kt-console=x']) {
    p = await anon.request.get(base + '/apparaten', { headers: { Cookie: cookie }, maxRedirects: 0 });
    expect(p.status() === 303, 'malformed cookie: to the login page (' + cookie.slice(0, 30) + ')');
  }

  // Second tab after logout: its form is refused, nothing changes.
  const tab = await ctx.newPage();
  await tab.goto(base + '/apparaten/nieuw');
  await page.goto(base + '/apparaten');
  await logout(page);
  await check(page, 'uitgelogd');
  await tab.fill('#naam', 'tablet-na-uitloggen');
  await tab.fill('#team', 'Oost');
  await tab.click('main button[type=submit]');
  expect((await text(tab)).includes('Sessie verlopen'), 'the second tab after logout is refused');
  await check(tab, 'sessie-verlopen');
  await tab.goto(base + '/apparaten');
  expect(tab.url().endsWith('/inloggen'), 'the second tab is sent to the login page');

  // A reused TOTP code is refused; a recovery code works once.
  await login(page, base, 'anna', PASSWORD, code);
  expect((await text(page)).includes('Inloggen is niet gelukt'), 'a reused TOTP code is refused');
  await check(page, 'inloggen-mislukt');
  await login(page, base, 'anna', PASSWORD, codes[0]);
  expect(page.url().endsWith('/apparaten'), 'a recovery code logs in');

  // Teamleider: monitoring yes, devices no (403 and an audit row).
  const ctx2 = await browser.newContext(contextOptions);
  const tl = await ctx2.newPage();
  const bo = await activate(tl, env.KT_ACTIVATE_TEAMLEIDER, 'teamleider');
  // The secrets the pages showed, for the C++ side to look for in the database's rows.
  fs.writeFileSync(env.KT_TOTP_SECRETS, `anna ${anna.secret}\nbo ${bo.secret}\n`, { mode: 0o600 });
  await login(tl, base, 'bo', PASSWORD, totp(bo.secret, bo.used + 30));
  expect(tl.url().endsWith('/monitoring'), 'teamleider lands on monitoring');
  await check(tl, 'monitoring');
  const refused = await tl.goto(base + '/apparaten');
  expect(refused.status() === 403 && (await text(tl)).includes('Geen toegang'), 'teamleider gets 403 on devices');
  await check(tl, 'geen-toegang');
  await page.goto(base + '/audit?soort=console_refused');
  expect(await page.locator('tbody tr').count() >= 2, 'the refusals are in the audit log');

  if (base2) {
    // Two receivers on one PostgreSQL: the session works on both; logout on one ends both.
    await page.goto(base2 + '/apparaten');
    expect(page.url() === base2 + '/apparaten', 'a session made on receiver A works on B');
    await logout(page);
    await page.goto(base + '/apparaten');
    expect(page.url().endsWith('/inloggen'), 'logout on B ended the session on A');
    // An expired session (idle over 30 min, set in the store) is refused.
    await tl.goto(base + '/monitoring');
    execFileSync('psql', [env.KT_DB, '-q', '-c',
      "UPDATE console_sessions SET last_seen = last_seen - 1801 WHERE account = 'bo'"]);
    await tl.goto(base + '/monitoring');
    expect(tl.url().endsWith('/inloggen'), 'an idle-expired session is refused');
  }

  // Throttling: five failures (unknown user and wrong password, same message), then the
  // sixth attempt waits even with the right credentials.
  const t3 = await (await browser.newContext(contextOptions)).newPage();
  const timings = [];
  for (const [name, pw] of [['niemand', 'x'], ['anna', 'fout'], ['niemand', 'y'], ['anna', 'fout2'], ['anna', 'fout3']]) {
    const started = Date.now();
    await login(t3, base, name, pw, '123456');
    timings.push([name === 'anna' ? 'wrong password' : 'unknown user', Date.now() - started]);
    expect((await text(t3)).includes('Inloggen is niet gelukt. Controleer uw naam, wachtwoord en code.'),
      'the same generic message for ' + (name === 'anna' ? 'a wrong password' : 'an unknown user'));
  }
  for (const [kind, ms] of timings) console.log(`figure: login attempt (${kind}) ${ms} ms`);
  await login(t3, base, 'anna', PASSWORD, totp(anna.secret, now() + 30));
  expect((await text(t3)).includes('Te veel mislukte pogingen'), 'the 6th attempt waits');
  await check(t3, 'inloggen-wachten');
} catch (e) {
  failed = true;
  console.log('FAILED: ' + e.message);
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
const total = Object.values(violations).reduce((a, b) => a + b, 0);
console.log(`axe total: ${total} violations over ${Object.keys(violations).length} pages`);
process.exit(failed || total > 0 ? 1 : 0);
