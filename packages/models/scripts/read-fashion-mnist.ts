// Interim Fashion-MNIST reader for the training script (IDX, gzip). @zerosiam/streams' loader replaces it once it lands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LabeledImageSet } from '@zerosiam/core';

export const FASHION_MNIST_NORMALIZATION = {
  mean: [0.286],
  std: [0.353],
} as const;
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

export function readFashionMnist(directory: string, split: 'train' | 't10k'): LabeledImageSet {
  const images = gunzipSync(readFileSync(join(directory, `${split}-images-idx3-ubyte.gz`)));
  const labels = gunzipSync(readFileSync(join(directory, `${split}-labels-idx1-ubyte.gz`)));
  const count = images.readUInt32BE(4);
  const rows = images.readUInt32BE(8);
  const columns = images.readUInt32BE(12);
  const pixels = new Float32Array(count * rows * columns);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images[16 + i]! / 255;
  return {
    name: `fashion-mnist/${split === 'train' ? 'train' : 'test'}`,
    images: pixels,
    shape: [count, rows, columns, 1],
    labels: Int32Array.from(labels.subarray(8, 8 + count)),
    numClasses: 10,
    classNames: FASHION_MNIST_CLASSES,
    normalization: {
      mean: [...FASHION_MNIST_NORMALIZATION.mean],
      std: [...FASHION_MNIST_NORMALIZATION.std],
    },
  };
}
