import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, InvalidArgumentError } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { matMulFixture } from '../test/fixtures/mat-mul-fixture';
import { activate } from '../test/run-on-backends';
import { wasmBackend } from './wasm-backend';

const childScript = fileURLToPath(new URL('../test/fixtures/threads-child.ts', import.meta.url));
const childTimeoutMs = 90_000;

interface ChildResult {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the fixture in its own Node process (TypeScript through tsx, workspace sources). */
function runChild(threads: number): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@zerosiam/source', '--import', 'tsx', childScript, String(threads)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // The child must exit by itself; killing it after the deadline is reported as a failure.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, childTimeoutMs);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, timedOut, stdout, stderr });
    });
  });
}

describe('experimental wasm threads', () => {
  it(
    'runs a matMul on 2 threads in a child process, equal to the single-thread result, and exits',
    async (context) => {
      const result = await runChild(2);
      expect(result.timedOut, 'the child process did not exit by itself').toBe(false);
      const line = result.stdout.trim().split('\n').at(-1) ?? '';
      if (!line.startsWith('{')) {
        context.skip(
          `threads could not start here: ${result.stderr.slice(-300) || `exit code ${result.exitCode}`}`,
        );
      }
      const parsed = JSON.parse(line) as {
        ok: boolean;
        reason?: string;
        description?: string;
        values?: number[];
      };
      if (!parsed.ok) context.skip(`threads could not start here: ${parsed.reason}`);
      expect(result.exitCode).toBe(0);
      expect(parsed.description).toMatch(/2 threads/);
      await activate('wasm');
      const singleThread = matMulFixture();
      const threaded = parsed.values as number[];
      expect(threaded.length).toBe(singleThread.length);
      const scale = Math.max(...singleThread.map(Math.abs));
      for (const [i, value] of threaded.entries()) {
        expect(Math.abs(value - (singleThread[i] as number))).toBeLessThanOrEqual(1e-5 * scale);
      }
    },
    childTimeoutMs + 10_000,
  );

  it('refuses threads once the backend of this process runs single-threaded, and stays usable', async () => {
    await activate('wasm');
    await expect(wasmBackend.setup({ threads: 2, log: () => {} })).rejects.toBeInstanceOf(
      BackendUnavailableError,
    );
    expect(tf.getBackend()).toBe('wasm');
    const sum = tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]);
    expect(sum).toBe(6);
  });

  it('validates the thread count', async () => {
    await expect(wasmBackend.setup({ threads: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(wasmBackend.setup({ threads: 2.5 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(wasmBackend.setup({ threads: 16 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
