import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static-server';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(appRoot, '../..');
const distDir = join(appRoot, '.vitepress/dist');
const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);

/** Batches each method adapts on; small so the test stays well under a minute of browser time on 2 cores. */
const STEPS = 6;
const BATCH_SIZE = 16;
const RUN_TIMEOUT_MS = 150_000;

if (!hasChromium) {
  describe('docs demo in Chromium', () => {
    it.skip(`skipped: ${chromiumPath} not found (Debian's chromium package; .ci/run installs it)`, () => {});
  });
}

describe.skipIf(!hasChromium)('docs demo in Chromium (label shift, tent vs zerosiam)', () => {
  let browser: BrowserContext | undefined;
  let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
  let userDataDir: string | undefined;

  beforeAll(async () => {
    // turbo runs `build` before `test` (apps/docs/turbo.json); a direct `vitest run` builds the site if needed.
    if (!existsSync(join(distDir, 'demo.html'))) {
      execFileSync('pnpm', ['run', 'build'], { cwd: appRoot, stdio: 'inherit' });
    }
    server = await serveStatic(distDir);
    userDataDir = mkdtempSync(join(tmpdir(), 'zerosiam-docs-chromium-'));
    // A fresh profile per run; playwright takes it as launchPersistentContext's first argument.
    browser = await chromium.launchPersistentContext(userDataDir, {
      viewport: { width: 1280, height: 1400 },
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('runs both methods on the same stream and draws both plots', async () => {
    const page = await browser!.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${server!.url}/demo`, { waitUntil: 'load' });

    await page.getByTestId('scenario').selectOption('label-shift');
    await page.getByTestId('corruption').selectOption('gaussian_noise');
    await page.getByTestId('severity').selectOption('5');
    await page.getByTestId('batch-size').fill(String(BATCH_SIZE));
    await page.getByTestId('max-batches').fill(String(STEPS));
    for (const method of ['tent', 'zerosiam']) await page.getByTestId(`method-${method}`).check();
    await page.getByTestId('run').click();

    const demo = page.locator('.tta-demo');
    await demo
      .locator('xpath=self::*[@data-state="done" or @data-state="error"]')
      .waitFor({ timeout: RUN_TIMEOUT_MS });
    mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
    await demo.screenshot({ path: join(repoRoot, 'test-artifacts/demo.png') });

    expect(
      await page.getByTestId('error').count(),
      await page.locator('.error').allTextContents().then(String),
    ).toBe(0);
    expect(await demo.getAttribute('data-state')).toBe('done');
    for (const method of ['tent', 'zerosiam']) {
      const text = await page.getByTestId(`accuracy-${method}`).textContent();
      const accuracy = Number.parseFloat(text ?? '');
      expect(accuracy, `${method} accuracy cell: ${text}`).toBeGreaterThanOrEqual(0);
      expect(accuracy).toBeLessThanOrEqual(100);
      const row = await page.getByTestId(`row-${method}`).locator('td').nth(1).textContent();
      expect(Number(row)).toBe(STEPS * BATCH_SIZE);
      for (const chart of ['accuracy', 'logit-norm']) {
        const d = (await page.getByTestId(`line-${chart}-${method}`).getAttribute('d')) ?? '';
        // One point per batch: a move and STEPS − 1 line segments.
        expect(d.split('L').length, `${chart} line of ${method}`).toBe(STEPS);
      }
    }
    expect(consoleErrors).toEqual([]);
  });
});
