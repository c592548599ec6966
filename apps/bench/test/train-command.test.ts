import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedWeightsDirectory } from '@zerosiam/models/node';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { reproducingTrainArguments } from '../src/commands/reproducing-train-arguments';
import { spawnCli } from './spawn-cli';
import { writeFashionSubset } from './write-fashion-subset';

// These cases must all stop before the first training step: each one guards hours of work.
const directory = mkdtempSync(join(tmpdir(), 'bench-train-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  return { out: () => out.join(''), err: () => err.join('') };
};

it('train --help prints the train flags and trains nothing', async () => {
  const io = capture();
  const checkpoints = join(directory, 'help');
  expect(await main(['train', '--model=tiny-gn', '--help', `--checkpoint-dir=${checkpoints}`])).toBe(0);
  expect(io.out()).toContain('Train flags');
  expect(io.out()).toContain('--init-from=FILE');
  expect(existsSync(checkpoints)).toBe(false);
});

it('refuses to start over on top of an earlier checkpoint, and leaves it as it was', async () => {
  const checkpoints = join(directory, 'earlier');
  mkdirSync(checkpoints);
  const state = join(checkpoints, 'checkpoint.json');
  writeFileSync(state, '{"step":450}');
  const io = capture();
  expect(await main(['train', '--model=tiny-gn', `--checkpoint-dir=${checkpoints}`])).toBe(2);
  expect(io.err()).toMatch(/already holds a checkpoint.*--resume.*--overwrite-checkpoint.*--checkpoint-dir/);
  expect(readFileSync(state, 'utf8')).toBe('{"step":450}');
});

it("the card's command keeps what decides the weights and drops --resume and --overwrite-checkpoint", () => {
  const argv = [
    'train',
    '--model=vit-tiny',
    '--warmup-steps=200',
    '--overwrite-checkpoint',
    '--resume',
    '--seed=0',
  ];
  expect(reproducingTrainArguments(argv)).toEqual([
    'train',
    '--model=vit-tiny',
    '--warmup-steps=200',
    '--seed=0',
  ]);
});

it('--threads must be a whole number ≥ 1, checked before anything is loaded', async () => {
  for (const bad of ['0', '1.5', 'two']) {
    const io = capture();
    expect(
      await main([
        'train',
        '--model=tiny-gn',
        `--threads=${bad}`,
        `--checkpoint-dir=${join(directory, 'never')}`,
      ]),
    ).toBe(2);
    expect(io.err()).toMatch(/--threads must be/);
  }
  expect(existsSync(join(directory, 'never'))).toBe(false);
});

it('--dawn-backend is checked before anything is loaded', async () => {
  const io = capture();
  expect(
    await main([
      'train',
      '--model=tiny-gn',
      '--backend=webgpu',
      '--dawn-backend=vulcan',
      `--checkpoint-dir=${join(directory, 'never-gpu')}`,
    ]),
  ).toBe(2);
  expect(io.err()).toMatch(/--dawn-backend takes one of vulkan, opengles/);
  expect(existsSync(join(directory, 'never-gpu'))).toBe(false);
});

it('--init-from checks the architecture and the model card before loading any data', async () => {
  const shipped = join(shippedWeightsDirectory(), 'resnet20-gn.safetensors');
  let io = capture();
  const args = (init: string, model: string) => [
    'train',
    `--model=${model}`,
    `--init-from=${init}`,
    `--checkpoint-dir=${join(directory, 'never')}`,
  ];
  expect(await main(args(shipped, 'resnet20-bn'))).toBe(2);
  expect(io.err()).toContain("holds a 'resnet20-gn' model, but --model is 'resnet20-bn'");

  const orphan = join(directory, 'orphan.safetensors');
  copyFileSync(shipped, orphan);
  io = capture();
  expect(await main(args(orphan, 'resnet20-gn'))).toBe(2);
  expect(io.err()).toMatch(/has no model card \(.*orphan\.json\)/);

  io = capture();
  expect(await main(args(join(directory, 'missing.safetensors'), 'resnet20-gn'))).toBe(2);
  expect(io.err()).toContain('no such file');
  expect(existsSync(join(directory, 'never'))).toBe(false);
});

it('SIGTERM stops after the current step, writes a checkpoint, and --resume finishes the run', async () => {
  const checkpoints = join(directory, 'interrupted');
  const out = join(directory, 'interrupted.safetensors');
  const data = join(directory, 'data');
  mkdirSync(data);
  writeFashionSubset(data, 'train', 256);
  writeFashionSubset(data, 't10k', 64);
  const args = [
    'train',
    '--model=resnet20-gn',
    '--epochs=2', // 8 steps each
    '--batch-size=32',
    '--checkpoint-every=1',
    `--data-dir=${data}`,
    '--backend=wasm',
    `--checkpoint-dir=${checkpoints}`,
    `--out=${out}`,
  ];
  const state = join(checkpoints, 'checkpoint.json');
  const first = spawnCli(args);
  // The first step's checkpoint says training is under way: interrupt it there.
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (existsSync(state)) {
        clearInterval(timer);
        first.child.kill('SIGTERM');
        resolve();
      }
    }, 10);
    void first.exit.then((code) => {
      clearInterval(timer);
      reject(new Error(`train exited (${code}) before its first checkpoint:\n${first.stderr()}`));
    });
  });
  expect(await first.exit, first.stderr()).toBe(1);
  expect(first.stderr()).toContain('SIGTERM: stopping after this step');
  expect(first.stderr()).toMatch(/stopped at step \d+/);
  const { step } = JSON.parse(readFileSync(state, 'utf8')) as { step: number };
  expect(step).toBeGreaterThan(0);
  expect(step).toBeLessThan(16);
  expect(existsSync(out)).toBe(false); // no weights for an unfinished run

  const second = spawnCli([...args, '--resume']);
  expect(await second.exit, second.stderr()).toBe(0);
  expect(second.stderr()).toContain(`resumed at step ${step}/16`);
  const card = JSON.parse(readFileSync(join(directory, 'interrupted.json'), 'utf8')) as { command: string };
  expect(card.command).not.toContain('--resume');
}, 180_000);

it('--crop-padding and --horizontal-flip are checked before anything is loaded', async () => {
  for (const bad of ['--crop-padding=-1', '--crop-padding=1.5', '--crop-padding', '--horizontal-flip=yes']) {
    const io = capture();
    expect(
      await main(['train', '--model=tiny-gn', bad, `--checkpoint-dir=${join(directory, 'never-aug')}`]),
    ).toBe(2);
    expect(io.err()).toMatch(/--(crop-padding|horizontal-flip) (must be|takes no value)/);
  }
  expect(existsSync(join(directory, 'never-aug'))).toBe(false);
});

it('--crop-padding=0 trains without cropping, and the card records the setting and the flag', async () => {
  const data = join(directory, 'data-aug');
  mkdirSync(data);
  writeFashionSubset(data, 'train', 64);
  writeFashionSubset(data, 't10k', 32);
  const out = join(directory, 'no-crop.safetensors');
  capture();
  const code = await main([
    'train',
    '--model=resnet20-gn',
    '--epochs=1', // 2 steps
    '--batch-size=32',
    '--crop-padding=0',
    '--horizontal-flip',
    `--data-dir=${data}`,
    '--backend=wasm',
    `--checkpoint-dir=${join(directory, 'no-crop')}`,
    `--out=${out}`,
  ]);
  expect(code).toBe(0);
  const card = JSON.parse(readFileSync(join(directory, 'no-crop.json'), 'utf8')) as {
    command: string;
    extra: { settings: { augmentation: unknown } };
  };
  expect(card.extra.settings.augmentation).toEqual({ cropPadding: 0, horizontalFlip: true });
  expect(card.command).toContain('--crop-padding=0');
  expect(card.command).toContain('--horizontal-flip');
}, 120_000);
