import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeWebgpuAdapter } from '@zerosiam/backend-webgpu';
import { provokeWebgpuDeviceError, TIMEOUTS } from '@zerosiam/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { readResults } from '../src/results/results-file';
import { writeFashionSubset } from './write-fashion-subset';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-webgpu-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

// Mesa's llvmpipe through Dawn's GLES backend is the adapter a GPU-less Linux box can have
// (libegl1 libgles2 libegl-mesa0); a GPU machine would use Dawn's default instead.
const probe = await probeWebgpuAdapter({ dawnBackend: 'opengles' });
// 4 small cells: llvmpipe runs the shaders on the CPU, so this is kept short.
const samples = 16;
const smoke = [
  '--methods=source,zerosiam',
  '--seeds=1',
  `--scenario.samplesPerDomain=${samples}`,
  `--scenario.steps=${samples}`,
  '--scenario.batchSize=8',
];

describe.skipIf(!probe.available)(
  `bench grid and train on webgpu${probe.available ? `: ${probe.description}` : ` (skipped: ${probe.reason ?? 'no adapter'})`}`,
  () => {
    it(
      'runs the smoke grid on --backend=webgpu and gets the accuracies cpu gets',
      async () => {
        const outputOn = async (backend: string) => {
          const output = join(workDirectory, `${backend}.jsonl`);
          const extra = backend === 'webgpu' ? ['--dawn-backend=opengles'] : [];
          const code = await main([
            'grid',
            'smoke',
            ...smoke,
            `--backend=${backend}`,
            ...extra,
            `--output=${output}`,
          ]);
          expect(code).toBe(0);
          return new Map(readResults(output).records.map((record) => [record.key, record]));
        };
        const cpu = await outputOn('cpu');
        const webgpu = await outputOn('webgpu');
        expect(webgpu.size).toBe(cpu.size);
        expect(cpu.size).toBe(4);
        for (const [key, reference] of cpu) {
          const record = webgpu.get(key);
          expect(record, key).toBeDefined();
          expect(record!.backend).toMatch(/^webgpu \(/);
          expect(record!.online.samples, key).toBe(samples);
          // Float sums differ between the kernels; one prediction may flip, not more.
          expect(Math.abs(record!.accuracy - reference.accuracy), key).toBeLessThanOrEqual(
            1 / samples + 1e-9,
          );
        }
      },
      TIMEOUTS.gradientSuite,
    );

    it(
      'train runs on --backend=webgpu (every read awaited) and follows the loss and accuracy cpu gets',
      async () => {
        const data = join(workDirectory, 'data');
        mkdirSync(data);
        writeFashionSubset(data, 'train', 64);
        writeFashionSubset(data, 't10k', 32);
        const cardOn = async (backend: string) => {
          const out = join(workDirectory, `train-${backend}.safetensors`);
          const extra = backend === 'webgpu' ? ['--dawn-backend=opengles'] : [];
          const code = await main([
            'train',
            '--model=resnet20-gn',
            '--epochs=1', // 4 steps
            '--batch-size=16',
            '--checkpoint-every=2', // checkpoints read weights and Adam moments back
            `--data-dir=${data}`,
            `--backend=${backend}`,
            ...extra,
            `--checkpoint-dir=${join(workDirectory, `checkpoints-${backend}`)}`,
            `--out=${out}`,
          ]);
          expect(code).toBe(0);
          return JSON.parse(readFileSync(out.replace(/\.safetensors$/, '.json'), 'utf8')) as {
            cleanTestAccuracy: number;
            extra: { backend: string; epochs: { trainLoss: number }[] };
          };
        };
        const cpu = await cardOn('cpu');
        const webgpu = await cardOn('webgpu');
        expect(webgpu.extra.backend).toMatch(/^webgpu \(/);
        expect(webgpu.extra.epochs[0]!.trainLoss).toBeCloseTo(cpu.extra.epochs[0]!.trainLoss, 3);
        // Float sums differ between the kernels; one test prediction may flip, not more.
        expect(Math.abs(webgpu.cleanTestAccuracy - cpu.cleanTestAccuracy)).toBeLessThanOrEqual(1 / 32 + 1e-9);
      },
      // About 60 s on llvmpipe beside other work; CI runs packages in parallel.
      TIMEOUTS.gradientSuite * 3,
    );

    it(
      'a cell during which the WebGPU device reported an error fails, is not written, and reruns',
      async () => {
        const output = join(workDirectory, 'device-error.jsonl');
        const args = ['grid', 'smoke', ...smoke, '--backend=webgpu', '--dawn-backend=opengles'];
        expect(await main([...args, `--output=${join(workDirectory, 'warm.jsonl')}`])).toBe(0);
        // The device reports an error (a rank-5 pad it cannot compile); nothing throws.
        await provokeWebgpuDeviceError();
        const stderr: string[] = [];
        const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
          stderr.push(String(chunk));
          return true;
        });
        try {
          expect(await main([...args, `--output=${output}`])).toBe(1);
        } finally {
          spy.mockRestore();
        }
        expect(stderr.join('')).toMatch(
          /FAILED — the WebGPU device reported \d+ error\(s\) while computing this cell.*--backend=wasm/,
        );
        expect(readResults(output).records).toHaveLength(3);
        expect(await main([...args, `--output=${output}`])).toBe(0); // the failed cell, retried
        expect(readResults(output).records).toHaveLength(4);
      },
      TIMEOUTS.gradientSuite,
    );

    it('refuses an unknown --dawn-backend before any cell runs', async () => {
      await expect(
        main(['grid', 'smoke', ...smoke, '--backend=webgpu', '--dawn-backend=vulcan']),
      ).resolves.toBe(2);
    });
  },
);
