import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabeledImageSet } from '@zerosiam/core';
import { afterEach, describe, expect, it } from 'vitest';
import { corruptionCacheKey, hasCachedCorruption, loadOrCorrupt } from './load-or-corrupt';

const set: LabeledImageSet = {
  name: 'fashion-mnist/test',
  images: Float32Array.from({ length: 4 * 28 * 28 }, (_, i) => ((i * 11) % 256) / 255),
  shape: [4, 28, 28, 1],
  labels: Int32Array.of(3, 1, 4, 1),
  numClasses: 10,
  normalization: { mean: [0.286], std: [0.353] },
};
const options = { corruption: 'shot_noise' as const, severity: 5, seed: 2021 };

const directories: string[] = [];
function cacheDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'zerosiam-corruption-cache-'));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('loadOrCorrupt', () => {
  it('round-trips through the cache', async () => {
    const directory = cacheDir();
    const first = await loadOrCorrupt(set, options, { cacheDir: directory });
    expect(first.fromCache).toBe(false);
    expect(first.name).toBe('fashion-mnist/test@shot_noise-5');
    expect(await hasCachedCorruption(set, options, { cacheDir: directory })).toBe(true);
    const second = await loadOrCorrupt(set, options, { cacheDir: directory });
    expect(second.fromCache).toBe(true);
    expect(second.images).toEqual(first.images);
    expect(second.labels).toEqual(set.labels);
    expect(second.name).toBe(first.name);
    const files = readdirSync(directory).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => !f.includes('.tmp-'))).toBe(true);
  });

  it('keys differ by seed, severity, corruption and content', () => {
    const key = corruptionCacheKey(set, options);
    expect(corruptionCacheKey(set, { ...options, seed: 1 })).not.toBe(key);
    expect(corruptionCacheKey(set, { ...options, severity: 4 })).not.toBe(key);
    expect(corruptionCacheKey(set, { ...options, corruption: 'fog' })).not.toBe(key);
    const edited = { ...set, images: Float32Array.from(set.images, (v, i) => (i === 0 ? 1 - v : v)) };
    expect(corruptionCacheKey(edited, options)).not.toBe(key);
  });

  it('ignores stray temporary files and a payload without header (interrupted run)', async () => {
    const directory = cacheDir();
    const key = corruptionCacheKey(set, options);
    writeFileSync(join(directory, `${key}.bin.tmp-123-abcd`), 'garbage');
    writeFileSync(join(directory, `${key}.json.tmp-123-abcd`), '{"format":');
    writeFileSync(join(directory, `${key}.bin`), new Uint8Array(10)); // payload renamed, header never written
    const result = await loadOrCorrupt(set, options, { cacheDir: directory });
    expect(result.fromCache).toBe(false);
    const again = await loadOrCorrupt(set, options, { cacheDir: directory });
    expect(again.fromCache).toBe(true);
    expect(again.images).toEqual(result.images);
  });

  it('rejects a corrupted payload (checksum mismatch) and recomputes', async () => {
    const directory = cacheDir();
    const first = await loadOrCorrupt(set, options, { cacheDir: directory });
    const key = corruptionCacheKey(set, options);
    writeFileSync(join(directory, `${key}.bin`), new Uint8Array(set.images.length).fill(7));
    const second = await loadOrCorrupt(set, options, { cacheDir: directory });
    expect(second.fromCache).toBe(false);
    expect(second.images).toEqual(first.images);
  });
});
