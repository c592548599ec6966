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
