import type { Page } from '@playwright/test';
import { test, expect, loginTo, mock } from './helpers';

// What a customer sees on a desktop and on a phone: list filter bars whose
// controls show their whole text, and table rows whose cells line up. The
// screenshots are attached to the report for a person to look at.

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

/** Filter controls whose text (the longest option of a select, the value or
 *  placeholder of a search box) does not fit their box. */
async function cutControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('.filters select, .filters input')) {
      const cs = getComputedStyle(el);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const texts =
        el instanceof HTMLSelectElement ? [...el.options].map((o) => o.text) : [el.value || el.placeholder];
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - (el instanceof HTMLSelectElement ? 20 : 0);
      for (const t of texts) {
        const need = ctx.measureText(t).width;
        if (need > room) out.push(`${el.id || el.name}: "${t}" needs ${Math.ceil(need)} px, has ${Math.floor(room)}`);
      }
    }
    return out;
  });
}

/** Rows of `table` whose cells' contents are not centred on one line. */
async function misalignedRows(page: Page, table: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const rows = [...document.querySelectorAll<HTMLTableRowElement>(`${sel} tbody tr`)].slice(0, 8);
    for (const [i, tr] of rows.entries()) {
      const centres = [...tr.cells]
        .filter((td) => td.textContent!.trim() !== '')
        .map((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          const r = range.getBoundingClientRect();
          return r.top + r.height / 2;
        });
      const spread = Math.max(...centres) - Math.min(...centres);
      if (spread > 4) out.push(`row ${i + 1}: cell contents ${spread.toFixed(1)} px apart`);
    }
    return out;
  }, table);
}

for (const [width, height] of [
  [1280, 800],
  [360, 740],
] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height } });

    test('filter bars show their controls whole; table rows line up', async ({ page }, info) => {
      await loginTo(page, '/domains');
      await expect(page.locator('.domain-table tbody tr').first()).toBeVisible();
      expect(await cutControls(page)).toEqual([]);
      if (width > 600) expect(await misalignedRows(page, '.domain-table')).toEqual([]);
      await info.attach(`domains-${width}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

      await page.goto('/services');
      await expect(page.getByTestId('services').locator('tbody tr').first()).toBeVisible();
      expect(await cutControls(page)).toEqual([]);
      if (width > 600) expect(await misalignedRows(page, '[data-testid=services]')).toEqual([]);
      await info.attach(`services-${width}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

      await page.goto('/billing');
      await expect(page.getByTestId('invoices').locator('tbody tr').first()).toBeVisible();
      if (width > 600) expect(await misalignedRows(page, '[data-testid=invoices]')).toEqual([]);
      await info.attach(`billing-${width}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    });
  });
}
