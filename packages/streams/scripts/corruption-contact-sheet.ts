// Renders the corruption contact sheet for the docs: pnpm tsx scripts/corruption-contact-sheet.ts [out.png]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CORRUPTIONS, renderContactSheet, renderContactSheetSvg, VALIDATION_CORRUPTIONS } from '../src/index';
import { loadFashionMnist } from '../src/node';

const output = resolve(
  process.argv[2] ?? resolve(import.meta.dirname, '../../../docs/assets/corruptions-fashion-mnist.png'),
);
const test = await loadFashionMnist({ split: 'test' });
const [, height, width, channels] = test.shape;
const picks = [0, 1, 2, 13]; // ankle boot, pullover, trouser, dress
const imageSize = height * width * channels;
const images = new Float32Array(picks.length * imageSize);
for (const [i, index] of picks.entries()) {
  images.set(test.images.subarray(index * imageSize, (index + 1) * imageSize), i * imageSize);
}
const options = {
  shape: [picks.length, height, width, channels] as [number, number, number, number],
  corruptions: [...CORRUPTIONS, ...VALIDATION_CORRUPTIONS],
  seed: 2021,
  zoom: 2,
};
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, renderContactSheet(images, options));
writeFileSync(output.replace(/\.png$/, '.svg'), renderContactSheetSvg(images, options));
console.log(`wrote ${output} (+ .svg)`);
