import type { Page } from '@playwright/test';
import { test, expect, login, mainNav, mock, seedCart, SIGN_TOKENS } from './helpers';

// The phone-first bar on every route: at 360 px nothing scrolls sideways and
// every control a thumb uses is at least 44 px tall (text links inside a
// sentence excepted, as WCAG 2.5.8 excepts them). Runs on the loaded state of
// each page, in Vietnamese (the longer texts).

test.use({ viewport: { width: 360, height: 740 } });

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

/** What breaks the bar on the page as it is now. */
async function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      // name the widest culprits
      const wide = [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1 && e.offsetParent !== null)
        .slice(-3)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
      out.push(`scrolls sideways: ${doc.scrollWidth}px wide (${wide.join(', ')})`);
    }
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const inSentence = (e: Element) => e.tagName === 'A' && !!e.closest('p, li, td, dd') && !e.classList.contains('btn');
    const controls = document.querySelectorAll(
      'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex="0"]',
    );
    for (const e of controls) {
      if (!visible(e) || inSentence(e) || e.closest('.visually-hidden, .skip-link')) continue;
      let target: Element = e;
      const type = (e as HTMLInputElement).type;
      // a check box, a radio, or a visually hidden file input: the label is what a thumb hits
      const tiny = e.getBoundingClientRect().height <= 2;
      if (e.tagName === 'INPUT' && (type === 'checkbox' || type === 'radio' || (type === 'file' && tiny))) {
        target = e.closest('label') || (e.id ? document.querySelector(`label[for="${e.id}"]`) : null) || e;
      }
      const h = target.getBoundingClientRect().height;
      if (h < 43.5) {
        const name = (e.getAttribute('aria-label') || e.textContent || (e as HTMLInputElement).name || '').trim().slice(0, 30);
        out.push(`${e.tagName.toLowerCase()} "${name}" is ${Math.round(h)}px tall`);
      }
    }
    return out;
  });
}

/** Visits each path (after its heading shows and loading ends) and lists
 *  what breaks the bar there; every page is checked before the verdict. */
async function checkAll(page: Page, paths: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator('h1').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.loading:visible, [aria-busy=true]')).toHaveCount(0);
    const problems = await phoneProblems(page);
    if (problems.length) found[path] = problems;
  }
  return found;
}

const PUBLIC = ['/login', '/signup', '/password-reset', `/sign/${SIGN_TOKENS.valid}`, '/no-such-page'];

const SIGNED_IN = [
  '/dashboard', '/account', '/account/contacts', '/account/contacts/50', '/notifications', '/ekyc',
  '/domains', '/domains/301', '/domains/301/documents',
  '/cart', '/cart/product/101', '/cart/product/201', '/cart/domain', '/cart/ssl', '/checkout',
  '/billing', '/billing/invoices/3102',
  '/services', '/services/301', '/services/303', '/services/305',
  '/services/302/vms', '/services/306/vms', '/services/301/vms', '/services/302/vms/5001', '/services/302/vms/5002',
  '/services/303/rdns', '/services/302/vms/new',
  '/dns', '/dns/301/7001', '/dns/302/7002',
  '/support', '/support/new', '/support/517204', '/support/449382',
  '/ssl', '/ssl/801', '/ssl/804', '/ssl/805', '/affiliates',
];

test('public pages fit a 360 px phone with 44 px targets', async ({ page }) => {
  expect(await checkAll(page, PUBLIC)).toEqual({});
});

test('signed-in pages fit a 360 px phone with 44 px targets', async ({ page }) => {
  test.setTimeout(120_000);
  await seedCart(page, [
    { title: 'Gia hạn tên miền nguyenvanan.vn', item: { type: 'domain', domain_id: 301, action: 'renew', years: 1 } },
  ]);
  await page.goto('/login');
  await login(page);
  await expect(page).toHaveURL(/\/dashboard/);
  expect(await checkAll(page, SIGNED_IN)).toEqual({});
});

test('on a phone the menu marks the current section and fits the screen', async ({ page }) => {
  await page.goto('/login');
  await login(page);
  await expect(page).toHaveURL(/\/dashboard/);
  for (const [path, tab] of [['/billing', 'Thanh toán'], ['/domains/301', 'Tên miền'], ['/dashboard', 'Tổng quan']] as const) {
    await page.goto(path);
    const nav = await mainNav(page);
    const current = nav.locator('a[aria-current=page]');
    await expect(current).toHaveText(tab);
    await expect(current).toBeInViewport();
    expect(await phoneProblems(page), `the open menu on ${path}`).toEqual([]);
  }
});
