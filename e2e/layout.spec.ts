import type { Page } from '@playwright/test';
import { test, expect, loginTo } from './helpers';

// The lists' layout at a desktop and a phone width: no filter control shows
// its text cut off, and a row's cells (text, links, status pills) sit on one
// line. Screenshots of each page at both widths are kept with the report
// (target/test-logs/e2e-results) for a person to look at.

const PAGES = ['/domains', '/services', '/billing', '/dns/302/7002', '/support'];

/** Selects and search boxes whose chosen text (or placeholder) is wider
 *  than the room the control gives it. */
async function cutControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return ['no canvas'];
    for (const el of document.querySelectorAll<HTMLSelectElement | HTMLInputElement>('.filters select, .filters input')) {
      const style = getComputedStyle(el);
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      // a select's arrow takes about 20 px (Chromium sizes a select to its longest option plus that)
      const room = el.clientWidth - pad - (el.tagName === 'SELECT' ? 20 : 0);
      const texts = el.tagName === 'SELECT'
        ? [...(el as HTMLSelectElement).options].map((o) => o.text)
        : [(el as HTMLInputElement).placeholder];
      for (const text of texts) {
        const need = ctx.measureText(text).width;
        if (need > room + 1) out.push(`#${el.id}: "${text}" needs ${Math.ceil(need)} px, has ${Math.floor(room)}`);
      }
    }
    return out;
  });
}

/** Table rows whose cells' contents are not centred on one line. */
async function misalignedRows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const row of [...document.querySelectorAll('table.data-table tbody tr')].slice(0, 10)) {
      const centres = [...row.children].map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const r = range.getBoundingClientRect();
        return r.height > 0 ? r.top + r.height / 2 : null;
      }).filter((c): c is number => c !== null);
      if (centres.length < 2) continue;
      const spread = Math.max(...centres) - Math.min(...centres);
      if (spread > 4) out.push(`${(row.textContent || '').trim().slice(0, 40)}: ${spread.toFixed(1)} px`);
    }
    return out;
  });
}

for (const width of [1280, 360]) {
  test(`filters show their text and rows sit on one line at ${width} px`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 900 });
    await loginTo(page, '/dashboard');
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.locator('h1').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.loading:visible')).toHaveCount(0);
      await page.screenshot({
        path: test.info().outputPath(`${path.replace(/\W+/g, '_')}-${width}.png`),
        fullPage: false,
      });
      expect(await cutControls(page), `${path}: cut-off controls`).toEqual([]);
      if (width >= 720) {
        // on phones the table is a stack of cards: one cell per line
        expect(await misalignedRows(page), `${path}: misaligned cells`).toEqual([]);
      }
    }
  });
}
