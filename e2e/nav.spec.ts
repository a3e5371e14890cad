import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, login, mock } from './helpers';

// The main navigation (src/app/nav.rs): on a phone a menu button opens a
// panel of the sections by group; on a desktop the sections are a row of
// tabs. Either way every section is reachable without sideways scrolling and
// the current one is marked for eyes (a bar, bold) and screen readers
// (aria-current).

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

async function toDashboard(page: Page) {
  await page.goto('/login');
  await login(page);
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function noSidewaysScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, 'no sideways scrolling').toBeLessThanOrEqual(client + 1);
}

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the menu opens, folds on Escape, a click outside and a followed link, and marks the current section', async ({ page }) => {
    await toDashboard(page);
    const toggle = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect(toggle).toHaveAttribute('aria-controls', 'main-nav');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    expect((await toggle.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    // open: focus moves into the panel, the sections are listed by group
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(nav).toBeVisible();
    await expect(nav.getByRole('link').first()).toBeFocused();
    await expect(nav.getByRole('list', { name: 'Dịch vụ và tên miền' }).getByRole('link')).toHaveText(['Dịch vụ', 'Tên miền', 'DNS', 'Chứng chỉ SSL']);
    await expect(nav.getByRole('list', { name: 'Đặt hàng và thanh toán' }).getByRole('link')).toHaveText(['Đặt dịch vụ', 'Thanh toán', 'Tiếp thị liên kết']);
    await expect(nav.locator('a[aria-current=page]')).toHaveText('Tổng quan');
    for (const link of await nav.getByRole('link').all()) {
      expect((await link.boundingBox())!.height, await link.innerText()).toBeGreaterThanOrEqual(44);
    }
    await noSidewaysScroll(page);
    await expectAccessible(page);
    // the Tab order follows the list
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'Dịch vụ', exact: true })).toBeFocused();

    // Escape folds it and gives focus back to the button
    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    await expect(toggle).toBeFocused();

    // so does a click outside, on the page's margin below the panel
    await toggle.click();
    await expect(nav).toBeVisible();
    const panel = (await nav.boundingBox())!;
    expect(panel.y + panel.height + 5).toBeLessThan(740);
    await page.mouse.click(5, panel.y + panel.height + 5);
    await expect(nav).toBeHidden();
    await expect(toggle).toBeFocused();

    // following a link goes there and folds the menu
    await toggle.click();
    await nav.getByRole('link', { name: 'Tên miền' }).click();
    await expect(page).toHaveURL(/\/domains$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();

    // the new section is the current one, marked by more than colour
    await toggle.click();
    const current = nav.locator('a[aria-current=page]');
    await expect(current).toHaveText('Tên miền');
    await expect(current).toHaveCSS('font-weight', '700');
    await expect(current).toHaveCSS('border-left-width', '4px');
    await noSidewaysScroll(page);
    await expectAccessible(page);
  });

  test('a section page below a section marks that section', async ({ page }) => {
    await toDashboard(page);
    await page.goto('/domains/301');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(page.locator('#main-nav a[aria-current=page]')).toHaveText('Tên miền');
  });
});

test.describe('on a 1100 px desktop', () => {
  test.use({ viewport: { width: 1100, height: 800 } });

  test('every section is a visible tab, the current one marked, no menu button', async ({ page }) => {
    await toDashboard(page);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect(page.locator('#nav-toggle')).toBeHidden();
    const links = nav.getByRole('link');
    await expect(links).toHaveText(['Tổng quan', 'Dịch vụ', 'Tên miền', 'DNS', 'Chứng chỉ SSL', 'Đặt dịch vụ', 'Thanh toán', 'Tiếp thị liên kết', 'Tài khoản', 'Hỗ trợ', 'Thông báo', 'Xác thực danh tính']);
    for (const link of await links.all()) {
      await expect(link).toBeInViewport();
    }
    await expect(nav.locator('a[aria-current=page]')).toHaveText('Tổng quan');

    await nav.getByRole('link', { name: 'Tên miền' }).click();
    await expect(page).toHaveURL(/\/domains$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const current = nav.locator('a[aria-current=page]');
    await expect(current).toHaveText('Tên miền');
    await expect(current).toHaveCSS('font-weight', '700');
    await expect(current).toHaveCSS('border-bottom-width', '3px');
    await noSidewaysScroll(page);
    await expectAccessible(page);
  });
});
