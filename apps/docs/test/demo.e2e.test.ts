import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
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
/**
 * SwiftShader runs WebGPU's shaders on the CPU, so this run is shorter than the wasm one and may take longer
 * (measured 88 s, most of it compiling shaders, with two training jobs holding both cores).
 */
const WEBGPU_STEPS = 3;
const WEBGPU_BATCH_SIZE = 8;
const WEBGPU_RUN_TIMEOUT_MS = 200_000;

// Chromium exposes WebGPU headless only on SwiftShader (measured with Debian's chromium 156 on a GPU-less VM).
// With just --enable-unsafe-webgpu --enable-features=Vulkan --use-angle=swiftshader --use-webgpu-adapter=swiftshader
// requestAdapter() returns google/swiftshader, but a synchronous read-back (tfjs draws through an OffscreenCanvas)
// finds no SharedImageBackingFactory for a WebGPU swap-chain texture, the GPU process loses its state and the next
// createBuffer throws. Chromium's own SwiftShader Vulkan for ANGLE and Skia keeps the device alive. The methods no
// longer read back synchronously on WebGPU (only awaited data()), which SwiftShader gets right, so the demo runs.
const swiftShaderWebgpuArgs = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];
const commonArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!hasChromium) {
  describe('docs demo in Chromium', () => {
    it.skip(`skipped: ${chromiumPath} not found (Debian's chromium package; .ci/run installs it)`, () => {});
  });
}

/** A site server and a fresh-profile Chromium, both closed by the returned function. */
async function openSite(args: string[]): Promise<{
  browser: BrowserContext;
  url: string;
  close: () => Promise<void>;
}> {
  // turbo runs `build` before `test` (apps/docs/turbo.json); a direct `vitest run` builds the site if needed.
  if (!existsSync(join(distDir, 'demo.html'))) {
    execFileSync('pnpm', ['run', 'build'], { cwd: appRoot, stdio: 'inherit' });
  }
  const server = await serveStatic(distDir);
  const userDataDir = mkdtempSync(join(tmpdir(), 'zerosiam-docs-chromium-'));
  // A fresh profile per run; playwright takes it as launchPersistentContext's first argument.
  const browser = await chromium.launchPersistentContext(userDataDir, {
    viewport: { width: 1280, height: 1400 },
    executablePath: chromiumPath,
    headless: true,
    args: [...commonArgs, ...args],
  });
  return {
    browser,
    url: server.url,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

interface DemoRun {
  readonly path: string;
  readonly steps: number;
  readonly batchSize: number;
  readonly timeoutMs: number;
  readonly screenshot: string;
}

/** Runs tent and zerosiam on the label-shift stream, checks the table and both plots, returns the backend shown. */
async function runDemo(page: Page, url: string, run: DemoRun): Promise<{ name: string; text: string }> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${url}${run.path}`, { waitUntil: 'load' });

  await page.getByTestId('scenario').selectOption('label-shift');
  await page.getByTestId('corruption').selectOption('gaussian_noise');
  await page.getByTestId('severity').selectOption('5');
  await page.getByTestId('batch-size').fill(String(run.batchSize));
  await page.getByTestId('max-batches').fill(String(run.steps));
  for (const method of ['tent', 'zerosiam']) await page.getByTestId(`method-${method}`).check();
  await page.getByTestId('run').click();

  const demo = page.locator('.tta-demo');
  await demo
    .locator('xpath=self::*[@data-state="done" or @data-state="error"]')
    .waitFor({ timeout: run.timeoutMs });
  mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
  await demo.screenshot({ path: join(repoRoot, 'test-artifacts', run.screenshot) });

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
    const cells = page.getByTestId(`row-${method}`).locator('td');
    expect(Number(await cells.nth(1).textContent())).toBe(run.steps * run.batchSize);
    // A trained model has logits of norm about 10; 0.00 means the backend computed or read back zeros.
    const logitNorm = Number(await cells.nth(3).textContent());
    expect(logitNorm, `${method} logit norm`).toBeGreaterThan(1);
    for (const chart of ['accuracy', 'logit-norm']) {
      const d = (await page.getByTestId(`line-${chart}-${method}`).getAttribute('d')) ?? '';
      // One point per batch: a move and steps − 1 line segments.
      expect(d.split('L').length, `${chart} line of ${method}`).toBe(run.steps);
    }
  }
  expect(pageErrors).toEqual([]);
  const backend = page.getByTestId('backend');
  return {
    name: (await backend.getAttribute('data-backend')) ?? '',
    text: (await backend.textContent()) ?? '',
  };
}

/** What `navigator.gpu.requestAdapter()` gives inside a worker (where the demo runs), or why there is nothing. */
async function workerWebgpuAdapter(page: Page): Promise<{ adapter?: string; reason?: string }> {
  return page.evaluate(async () => {
    const source = `self.onmessage = async () => {
      try {
        if (!navigator.gpu) return postMessage({ reason: 'navigator.gpu is undefined in a worker' });
        const adapter = await navigator.gpu.requestAdapter();
        if (!adapter) return postMessage({ reason: 'navigator.gpu.requestAdapter() returned null' });
        const info = adapter.info || {};
        postMessage({ adapter: [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'unnamed' });
      } catch (error) {
        postMessage({ reason: 'requestAdapter() threw: ' + error });
      }
    };`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    try {
      return await new Promise<{ adapter?: string; reason?: string }>((resolve) => {
        worker.onmessage = (message) => resolve(message.data);
        worker.postMessage(null);
      });
    } finally {
      worker.terminate();
    }
  });
}

describe.skipIf(!hasChromium)('docs demo in Chromium (label shift, tent vs zerosiam)', () => {
  let site: Awaited<ReturnType<typeof openSite>> | undefined;

  beforeAll(async () => {
    // --disable-gpu: no WebGPU adapter, so `auto` must land on wasm, the path most visitors without a GPU get.
    site = await openSite(['--disable-gpu']);
  });

  afterAll(async () => {
    await site?.close();
  });

  it('runs both methods on the same stream and draws both plots (wasm)', async () => {
    const page = await site!.browser.newPage();
    const backend = await runDemo(page, site!.url, {
      path: '/demo',
      steps: STEPS,
      batchSize: BATCH_SIZE,
      timeoutMs: RUN_TIMEOUT_MS,
      screenshot: 'demo.png',
    });
    console.info(`[docs e2e] ${backend.text}`);
    expect(backend.name, backend.text).toBe('wasm');
    expect(backend.text).toMatch(/^Backend: wasm .*WebGPU not used: /);
  });
});

describe.skipIf(!hasChromium)('docs demo in Chromium on WebGPU (SwiftShader, ?backend=webgpu)', () => {
  let site: Awaited<ReturnType<typeof openSite>> | undefined;

  beforeAll(async () => {
    site = await openSite(swiftShaderWebgpuArgs);
  });

  afterAll(async () => {
    await site?.close();
  });

  it('runs both methods on the webgpu backend', async (context) => {
    const page = await site!.browser.newPage();
    await page.goto(`${site!.url}/`, { waitUntil: 'load' });
    const probe = await workerWebgpuAdapter(page);
    if (!probe.adapter) {
      const reason = `no WebGPU adapter in this Chromium with ${swiftShaderWebgpuArgs.join(' ')}: ${probe.reason}`;
      console.info(`[docs e2e] skipped: ${reason}`);
      context.skip(reason);
    }
    // SwiftShader is a software adapter, which `auto` skips (slower than wasm); ?backend=webgpu forces it.
    const backend = await runDemo(page, site!.url, {
      path: '/demo?backend=webgpu',
      steps: WEBGPU_STEPS,
      batchSize: WEBGPU_BATCH_SIZE,
      timeoutMs: WEBGPU_RUN_TIMEOUT_MS,
      screenshot: 'demo-webgpu.png',
    });
    console.info(`[docs e2e] ${backend.text}`);
    if (backend.name !== 'webgpu') {
      // The demo refuses a WebGPU device that fails or reads back wrong values, and must then say so and run on wasm.
      expect(backend.name, backend.text).toBe('wasm');
      expect(backend.text).toMatch(/ — webgpu failed: /);
      const reason = `WebGPU adapter ${probe.adapter} found, but the demo fell back to wasm: ${backend.text}`;
      console.info(`[docs e2e] skipped: ${reason}`);
      context.skip(reason);
    }
    expect(backend.text).toMatch(/^Backend: webgpu \(.*; browser\)/);
  });
});
