import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LabeledImageSet } from '@zerosiam/core';
import { type CorruptImagesOptions, corruptImages, corruptedSetName } from '../corrupt-images';
import { defaultCorruptionTable } from '../corrupt';
import { CORRUPTION_CODE_VERSION } from '../corruption-version';
import { getCorruption } from '../get-corruption';

export interface CorruptionCacheOptions {
  /** Folder of the cache entries. Default `.cache/zerosiam/corruptions` under the working directory. */
  readonly cacheDir?: string;
}

/** What the JSON header of a cache entry records (the key's ingredients plus the payload's layout). */
export interface CorruptionCacheHeader {
  readonly format: 'zerosiam-corruption-cache';
  readonly version: string;
  readonly set: string;
  readonly setFingerprint: string;
  readonly corruption: string;
  readonly severity: number;
  readonly seed: number;
  readonly table: string;
  readonly shape: readonly number[];
  /** Pixels are stored as round(255·x) bytes, like the released CIFAR-10-C arrays (which truncate). */
  readonly dtype: 'uint8';
  readonly byteLength: number;
  readonly payloadChecksum: string;
}

export const defaultCorruptionCacheDir = '.cache/zerosiam/corruptions';

/** 32-bit FNV-1a style hash over bytes (fast; guards against mix-ups, not adversaries). */
function checksum(bytes: Uint8Array, seed = 0x811c9dc5): string {
  let h = seed >>> 0;
  const words = Math.floor(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words; i++) h = Math.imul(h ^ view.getUint32(i * 4, true), 0x01000193) >>> 0;
  for (let i = words * 4; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function setFingerprint(set: LabeledImageSet): string {
  const images = new Uint8Array(set.images.buffer, set.images.byteOffset, set.images.byteLength);
  const labels = new Uint8Array(set.labels.buffer, set.labels.byteOffset, set.labels.byteLength);
  return `${checksum(images)}${checksum(labels, 0x2545f491)}`;
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/**
 * The cache key of a corrupted set: data set name and content fingerprint, corruption, severity,
 * seed, table and the corruption code version.
 */
export function corruptionCacheKey(set: LabeledImageSet, options: CorruptImagesOptions): string {
  const name = getCorruption(options.corruption).name;
  const table = options.table ?? defaultCorruptionTable(set.shape[1], set.shape[2]);
  return safeName(
    `${set.name}__${setFingerprint(set)}__${name}-${options.severity}__seed${options.seed}__${table}__${CORRUPTION_CODE_VERSION}`,
  );
}

async function readEntry(
  directory: string,
  key: string,
  set: LabeledImageSet,
): Promise<Float32Array | undefined> {
  let header: CorruptionCacheHeader;
  try {
    header = JSON.parse(await readFile(join(directory, `${key}.json`), 'utf8')) as CorruptionCacheHeader;
  } catch {
    return undefined; // no header (never written, or the run stopped before it): a miss
  }
  const expectedLength = set.images.length;
  if (
    header.format !== 'zerosiam-corruption-cache' ||
    header.version !== CORRUPTION_CODE_VERSION ||
    header.byteLength !== expectedLength ||
    header.shape.join(',') !== set.shape.join(',')
  ) {
    return undefined;
  }
  let payload: Uint8Array;
  try {
    payload = new Uint8Array(await readFile(join(directory, `${key}.bin`)));
  } catch {
    return undefined;
  }
  if (payload.length !== expectedLength || checksum(payload) !== header.payloadChecksum) return undefined;
  const images = new Float32Array(payload.length);
  for (let i = 0; i < payload.length; i++) images[i] = payload[i]! / 255;
  return images;
}

/** Writes `data` to `path` atomically: a uniquely named temporary file renamed into place. */
async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Returns the corrupted set from the on-disk cache, or corrupts it (corruptImages) and stores it.
 * Entries are `<key>.bin` (uint8 pixels) plus `<key>.json` (header). Both are written to temporary
 * files and renamed, payload first and header last, so an interrupted run leaves no entry that
 * could be read back; stray temporary files are ignored. Pixels round-trip through uint8 in both
 * paths (hit or miss), so the result does not depend on the cache state.
 */
export async function loadOrCorrupt(
  set: LabeledImageSet,
  options: CorruptImagesOptions,
  cache: CorruptionCacheOptions = {},
): Promise<LabeledImageSet & { readonly fromCache: boolean }> {
  const directory = resolve(cache.cacheDir ?? defaultCorruptionCacheDir);
  const key = corruptionCacheKey(set, options);
  const name = corruptedSetName(set.name, getCorruption(options.corruption).name, options.severity);
  const cached = await readEntry(directory, key, set);
  if (cached !== undefined) return { ...set, name, images: cached, fromCache: true };

  const corrupted = corruptImages(set, options);
  const payload = new Uint8Array(corrupted.images.length);
  for (let i = 0; i < payload.length; i++) payload[i] = Math.round(corrupted.images[i]! * 255);
  const images = new Float32Array(payload.length);
  for (let i = 0; i < payload.length; i++) images[i] = payload[i]! / 255;
  const header: CorruptionCacheHeader = {
    format: 'zerosiam-corruption-cache',
    version: CORRUPTION_CODE_VERSION,
    set: set.name,
    setFingerprint: setFingerprint(set),
    corruption: getCorruption(options.corruption).name,
    severity: options.severity,
    seed: options.seed,
    table: options.table ?? defaultCorruptionTable(set.shape[1], set.shape[2]),
    shape: [...set.shape],
    dtype: 'uint8',
    byteLength: payload.length,
    payloadChecksum: checksum(payload),
  };
  await mkdir(directory, { recursive: true });
  await writeAtomic(join(directory, `${key}.bin`), payload);
  await writeAtomic(join(directory, `${key}.json`), `${JSON.stringify(header, null, 2)}\n`);
  return { ...corrupted, images, fromCache: false };
}

/** Whether an entry for these options exists (header present); for tooling and tests. */
export async function hasCachedCorruption(
  set: LabeledImageSet,
  options: CorruptImagesOptions,
  cache: CorruptionCacheOptions = {},
): Promise<boolean> {
  const directory = resolve(cache.cacheDir ?? defaultCorruptionCacheDir);
  try {
    await stat(join(directory, `${corruptionCacheKey(set, options)}.json`));
    return true;
  } catch {
    return false;
  }
}
