import { test as base, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The test function every journey uses: it fails a test whose pages broke the
 * Content-Security-Policy or threw (a Rust panic shows as "unreachable").
 */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ context }, use) => {
      const problems: string[] = [];
      const watch = (page: Page) => {
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) {
            problems.push(`CSP: ${m.text()}`);
          }
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(problems);
      expect(problems, 'no CSP violation or uncaught error in the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export const DEMO = { email: 'demo@bkns.vn', password: 'Demo@2026' };

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: string | null;
  /** Secrets and file data are stand-ins: compare with `redacted` / `redactedFile`. */
  body: unknown;
  /** Size of the body as sent, in bytes. */
  bytes: number;
  auth: boolean;
  status: number;
}

const sha16 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

/** What mock-api's request log shows in place of a secret it was sent (a
 *  password, a token, an EPP code): mock-api/src/redact.rs. */
export function redacted(value: string | number | boolean): string {
  return `[redacted sha256:${sha16(String(value))}]`;
}

/** What the request log shows in place of file data (base64, or a
 *  `data:…;base64,` URL): the type read from its first bytes, the size
 *  decoded, the hash of the text sent (mock-api/src/redact.rs). */
export function redactedFile(value: string): string {
  let b64 = value;
  let declared = '';
  let prefix = '';
  if (value.startsWith('data:')) {
    const comma = value.indexOf(',');
    declared = value.slice(5, comma).replace(/;base64$/, '').split(';')[0].trim();
    b64 = value.slice(comma + 1);
    prefix = 'data:';
  }
  const head = Buffer.from(b64.slice(0, 16), 'base64');
  const starts = (sig: number[] | string, at = 0) =>
    Buffer.from(typeof sig === 'string' ? Buffer.from(sig, 'latin1') : sig).equals(head.subarray(at, at + sig.length));
  const sniffed =
    starts([0x89, 0x50, 0x4e, 0x47]) ? 'image/png'
    : starts([0xff, 0xd8, 0xff]) ? 'image/jpeg'
    : starts('GIF8') ? 'image/gif'
    : starts('RIFF') && starts('WEBP', 8) ? 'image/webp'
    : starts('%PDF-') ? 'application/pdf'
    : '';
  const padding = b64.length - b64.replace(/=+$/, '').length;
  const bytes = (b64.length / 4) * 3 - padding;
  const type = sniffed || declared || 'application/octet-stream';
  return `[${prefix}${type} ${bytes.toLocaleString('en-US')} bytes sha256:${sha16(value)}]`;
}

/** The security headers of the deployment: the `add_header Name "value"
 *  always;` lines of deploy/nginx/portal.conf (mock-api sends the same),
 *  names lower-cased as Playwright gives them. */
export function deployHeaders(): Record<string, string> {
  const conf = readFileSync(join(__dirname, '..', 'deploy', 'nginx', 'portal.conf'), 'utf8');
  const out: Record<string, string> = {};
  for (const m of conf.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)) out[m[1].toLowerCase()] = m[2];
  expect(Object.keys(out).length, 'add_header lines in deploy/nginx/portal.conf').toBeGreaterThanOrEqual(6);
  return out;
}

/** An answer carries every deployment header with its value. */
export function expectDeployHeaders(headers: Record<string, string>, what: string) {
  for (const [name, value] of Object.entries(deployHeaders())) {
    expect(headers[name], `${name} on ${what}`).toBe(value);
  }
}

/** The cache rule of the deployment (nginx's map, mock-api's static server). */
export const CACHE = { asset: 'public, max-age=31536000, immutable', revalidate: 'no-cache' };

/** mock-api's test controls (/__mock/*). */
export const mock = {
  async reset(request: APIRequestContext) {
    expect((await request.post('/__mock/reset')).ok()).toBeTruthy();
  },
  async config(request: APIRequestContext, settings: Record<string, number | boolean | string>) {
    expect((await request.post('/__mock/config', { data: settings })).ok()).toBeTruthy();
  },
  async requests(request: APIRequestContext, filter: { path?: string; method?: string } = {}): Promise<LoggedRequest[]> {
    const res = await request.get('/__mock/requests', { params: filter });
    expect(res.ok()).toBeTruthy();
    return res.json();
  },
  async clearRequests(request: APIRequestContext) {
    expect((await request.delete('/__mock/requests')).ok()).toBeTruthy();
  },
};

export async function login(page: Page, opts: { email?: string; password?: string; remember?: boolean } = {}) {
  await page.getByLabel(/e-mail/i).fill(opts.email ?? DEMO.email);
  await page.locator('input[name=password]').fill(opts.password ?? DEMO.password);
  if (opts.remember) await page.locator('input[name=remember]').check();
  await page.locator('button[type=submit]').click();
}

/** The main navigation with its links shown: on a phone (under 900 px) it
 *  opens the menu first. Signed in only (the navigation is not drawn before). */
export async function mainNav(page: Page): Promise<Locator> {
  const toggle = page.locator('#nav-toggle');
  await expect(toggle).toHaveCount(1);
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
  const nav = page.locator('#main-nav');
  await expect(nav).toBeVisible();
  return nav;
}

/** The dashboard shows the demo account's data. */
export async function expectDemoDashboard(page: Page) {
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('balance')).toContainText('1.250.000 ₫');
  await expect(page.getByTestId('credit')).toContainText('350.000 ₫');
  await expect(page.getByTestId('account-details')).toContainText('demo@bkns.vn');
}

/** Opens `/login?next=<path>` (plus any extra query, e.g. `aff=55`), logs
 *  in as the demo account and waits for `path`. */
export async function loginTo(page: Page, path: string, extraQuery = '') {
  const q = `next=${encodeURIComponent(path)}${extraQuery ? `&${extraQuery}` : ''}`;
  await page.goto(`/login?${q}`);
  await login(page);
  await expect(page).toHaveURL((url) => url.pathname + url.search === path);
}

/** Puts a cart in localStorage before the app starts (as a reload would
 *  find it). `items` are order items as `POST /order` takes them. */
export async function seedCart(page: Page, items: { title: string; item: Record<string, unknown> }[], extra: Record<string, unknown> = {}) {
  const lines = items.map((l, i) => ({ key: i + 1, title: l.title, notes: [], item: l.item }));
  const cart = JSON.stringify({ v: 1, lines, promocode: '', aff_id: '', next_key: lines.length, ...extra });
  await page.addInitScript((c) => {
    if (!sessionStorage.getItem('cart-seeded')) {
      localStorage.setItem('portal.cart', c);
      sessionStorage.setItem('cart-seeded', '1');
    }
  }, cart);
}

/** The cart as the portal saved it. */
export async function storedCart(page: Page): Promise<{ lines: { title: string; item: Record<string, unknown> }[]; promocode: string; aff_id: string }> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('portal.cart') || '{"lines":[]}'));
}

/** No WCAG 2.x A/AA violation that axe can detect on the page as it is now. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, 'axe WCAG A/AA violations').toEqual([]);
}

/** mock-api's seeded signing tokens (see mock-api/README.md). */
export const SIGN_TOKENS = {
  valid: 'sg7Kq2vX9mP4tR8wZ3nB6cY1',
  used: 'sgU5hD8jL2fN7pQ4rT9vW1xA',
  expired: 'sgE3kM6oS9uV2yB5dG8iJ4lC',
};

/** Opens a domain's page from the list and waits for its heading. */
export async function openDomain(page: Page, id: string, name: string) {
  await page.goto(`/domains/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/** Draws a two-stroke signature with the mouse on the signature pad. */
export async function drawSignature(page: Page) {
  const canvas = page.locator('canvas.sigpad-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no signature pad');
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(0.1, 0.6));
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) {
    const fx = 0.1 + 0.5 * (i / 24);
    await page.mouse.move(...at(fx, 0.6 - 0.25 * Math.sin((i / 24) * Math.PI * 2)), { steps: 2 });
  }
  await page.mouse.up();
  await page.mouse.move(...at(0.65, 0.3));
  await page.mouse.down();
  await page.mouse.move(...at(0.8, 0.75), { steps: 10 });
  await page.mouse.up();
}

/**
 * Types each query into the list filter `#f-q` of the open page, timing
 * keystroke → painted rows in the browser; logs the times, keeps them as a
 * `keystroke-ms` annotation and checks the median stays under 50 ms.
 */
export async function expectFastFilter(page: Page, what: string, queries: string[]) {
  const times = await page.evaluate(async (qs) => {
    const input = document.querySelector('#f-q') as HTMLInputElement;
    const out: number[] = [];
    for (const q of qs) {
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // until the browser has laid out and painted the new rows
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      out.push(performance.now() - t0);
    }
    return out;
  }, queries);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const list = times.map((t) => t.toFixed(1)).join(', ');
  console.log(`${what}, keystroke to painted rows (ms): ${list}; median ${median.toFixed(1)}`);
  test.info().annotations.push({ type: 'keystroke-ms', description: list });
  expect(median).toBeLessThan(50);
}

/** A JPEG drawn in the page: a card-like pattern of `w`×`h`, varied by `seed`. */
export async function jpeg(page: Page, w: number, h: number, seed: number): Promise<Buffer> {
  const b64 = await page.evaluate(
    ([w, h, seed]) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const x = c.getContext('2d')!;
      x.fillStyle = '#e8ecf2';
      x.fillRect(0, 0, w, h);
      x.fillStyle = '#223';
      for (let y = 20; y < h; y += 28)
        for (let i = 0; i < w; i += 16) if ((i * 7 + y * 3 + seed) % 5 !== 0) x.fillRect(i, y, 10, 14);
      return c.toDataURL('image/jpeg', 0.9).split(',')[1];
    },
    [w, h, seed],
  );
  return Buffer.from(b64, 'base64');
}

/** Chooses `buffer` as a JPEG in the file input named `name`. */
export async function upload(page: Page, name: string, buffer: Buffer, file = 'photo.jpg') {
  await page.locator(`input[type=file][name=${name}]`).setInputFiles({ name: file, mimeType: 'image/jpeg', buffer });
}
