import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The first `count` images of a Fashion-MNIST split as raw IDX files in `folder` (a small, real data set). */
export function writeFashionSubset(folder: string, split: 'train' | 't10k', count: number) {
  const source = '/usr/share/datasets/fashion-mnist';
  for (const [kind, headerBytes, pixelsPerItem] of [
    ['images-idx3-ubyte', 16, 28 * 28],
    ['labels-idx1-ubyte', 8, 1],
  ] as const) {
    const bytes = gunzipSync(readFileSync(join(source, `${split}-${kind}.gz`)));
    const subset = bytes.slice(0, headerBytes + count * pixelsPerItem);
    new DataView(subset.buffer).setUint32(4, count, false); // the item count in the header
    writeFileSync(join(folder, `${split}-${kind}`), subset);
  }
}
