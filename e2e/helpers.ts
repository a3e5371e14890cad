import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO = { email: 'demo@bkns.vn', password: 'Demo@2026' };

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: string | null;
  body: unknown;
  auth: boolean;
  status: number;
}

/** mock-api's test controls (/__mock/*). */
export const mock = {
  async reset(request: APIRequestContext) {
    expect((await request.post('/__mock/reset')).ok()).toBeTruthy();
  },
  async config(request: APIRequestContext, settings: Record<string, number>) {
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
