// What the console's browser scripts (browser.mjs, monitoring.mjs) share: expectations that
// name what failed, RFC 6238 codes for the activation and login, and the axe-core check with
// a screenshot per page.
import { AxeBuilder } from '@axe-core/playwright';
import crypto from 'node:crypto';
import path from 'node:path';

export function expect(ok, what) {
  if (!ok) throw new Error('expected: ' + what);
  console.log('ok: ' + what);
}

// RFC 6238 (SHA-1, 30 s, 6 digits) of a base32 secret at Unix time `t`.
export function totp(secret, t) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const mac = crypto.createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const o = mac[mac.length - 1] & 15;
  const n = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1000000).padStart(6, '0');
}

export const now = () => Date.now() / 1000;

// axe-core (WCAG 2.1 A and AA) on the page as it is, its violations counted in
// `violations[name]` and printed, and a screenshot `name`.png in `shots`.
export async function checkPage(page, name, shots, violations) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  violations[name] = result.violations.length;
  console.log(`axe ${name}: ${result.violations.length} violations`);
  for (const v of result.violations)
    console.log(`  ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: false });
}
