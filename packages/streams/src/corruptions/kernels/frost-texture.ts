import type { SeededRng } from '@zerosiam/core';
import { gaussianFilter } from './gaussian-filter';
import { plasmaFractal } from './plasma-fractal';

/** Blue-white tint of ice, relative to the luminance of the texture (R, G, B). */
const ICE_TINT = [0.84, 0.93, 1] as const;

function splat(map: Float32Array, height: number, width: number, y: number, x: number, value: number): void {
  const y0 = Math.floor(y);
  const x0 = Math.floor(x);
  const fy = y - y0;
  const fx = x - x0;
  const add = (yy: number, xx: number, w: number) => {
    if (yy >= 0 && yy < height && xx >= 0 && xx < width) map[yy * width + xx]! += w * value;
  };
  add(y0, x0, (1 - fy) * (1 - fx));
  add(y0, x0 + 1, (1 - fy) * fx);
  add(y0 + 1, x0, fy * (1 - fx));
  add(y0 + 1, x0 + 1, fy * fx);
}

/** A dendrite: a fading line with side branches at ±60° (hexagonal ice), drawn recursively. */
function drawDendrite(
  map: Float32Array,
  height: number,
  width: number,
  rng: SeededRng,
  start: { y: number; x: number },
  angle: number,
  length: number,
  intensity: number,
  depth: number,
): void {
  const dy = Math.sin(angle);
  const dx = Math.cos(angle);
  const branchEvery = Math.max(1.5, length / 4);
  let nextBranch = branchEvery * rng.uniform(0.5, 1);
  for (let t = 0; t < length; t += 0.5) {
    const fade = 1 - t / length;
    splat(map, height, width, start.y + dy * t, start.x + dx * t, 0.5 * intensity * (0.35 + 0.65 * fade));
    if (depth > 0 && t >= nextBranch) {
      const side = rng.uniform() < 0.5 ? -1 : 1;
      const branchLength = (length - t) * rng.uniform(0.3, 0.6);
      const origin = { y: start.y + dy * t, x: start.x + dx * t };
      drawDendrite(
        map,
        height,
        width,
        rng,
        origin,
        angle + (side * Math.PI) / 3,
        branchLength,
        intensity * 0.8,
        depth - 1,
      );
      nextBranch += branchEvery * rng.uniform(0.6, 1.4);
    }
  }
}

/**
 * A procedural frost texture standing in for the upstream frost photographs (which would add
 * ≈2 MB of assets): a hazy plasma base, crystalline dendrites (bright streaks branching at ±60°),
 * and ice speckle, lightly blurred and tinted blue-white. Feature lengths scale with the image
 * size. Returns [H, W, 3] values in [0, 1]; the caller blends it like the upstream frost image
 * (out = a·x + b·frost).
 */
export function frostTexture(height: number, width: number, rng: SeededRng): Float32Array {
  const size = Math.min(height, width);
  const mapSize = 2 ** Math.ceil(Math.log2(Math.max(height, width, 2)));
  const plasma = plasmaFractal(mapSize, 1.8, rng);
  const luminance = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) luminance[y * width + x] = 0.3 + 0.35 * plasma[y * mapSize + x]!;
  }
  const crystals = Math.max(3, Math.round((height * width) / (size * 1.6)));
  for (let i = 0; i < crystals; i++) {
    const start = {
      y: rng.uniform(-2, height + 2),
      x: rng.uniform(-2, width + 2),
    };
    const length = size * rng.uniform(0.12, 0.4);
    drawDendrite(
      luminance,
      height,
      width,
      rng,
      start,
      rng.uniform(0, 2 * Math.PI),
      length,
      rng.uniform(0.5, 1),
      2,
    );
  }
  const speckles = Math.round(height * width * 0.04);
  for (let i = 0; i < speckles; i++) {
    splat(luminance, height, width, rng.uniform(0, height), rng.uniform(0, width), rng.uniform(0.3, 0.9));
  }
  const blurred = gaussianFilter(luminance, height, width, 1, Math.max(0.35, size / 200), {
    mode: 'nearest',
    truncate: 4,
  });
  const texture = new Float32Array(height * width * 3);
  for (let p = 0; p < height * width; p++) {
    const v = Math.min(1, blurred[p]!);
    texture[p * 3] = v * ICE_TINT[0];
    texture[p * 3 + 1] = v * ICE_TINT[1];
    texture[p * 3 + 2] = v * ICE_TINT[2];
  }
  return texture;
}
