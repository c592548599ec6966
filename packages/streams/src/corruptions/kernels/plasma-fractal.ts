import type { SeededRng } from '@zerosiam/core';

/**
 * The upstream `plasma_fractal(mapsize, wibbledecay)`: diamond-square on a periodic
 * mapsize×mapsize grid (mapsize a power of two). Each new point is the mean of its four parents
 * plus wibble·U(−wibble, wibble) — upstream multiplies by wibble twice, kept — and wibble starts at
 * 100 and is divided by `decay` every octave. The result is normalised to [0, 1].
 */
export function plasmaFractal(mapSize: number, decay: number, rng: SeededRng): Float64Array {
  const map = new Float64Array(mapSize * mapSize);
  // mapSize is a power of two, so wrapping (negative indices too) is a bit mask.
  const mask = mapSize - 1;
  const at = (y: number, x: number) => (y & mask) * mapSize + (x & mask);
  let step = mapSize;
  let wibble = 100;
  const wibbled = (sum: number) => sum / 4 + wibble * rng.uniform(-wibble, wibble);
  while (step >= 2) {
    const half = step >> 1;
    // Squares: centre = mean of the 4 corners (the grid wraps around).
    for (let y = 0; y < mapSize; y += step) {
      for (let x = 0; x < mapSize; x += step) {
        const sum =
          map[at(y, x)]! + map[at(y + step, x)]! + map[at(y, x + step)]! + map[at(y + step, x + step)]!;
        map[at(y + half, x + half)] = wibbled(sum);
      }
    }
    // Diamonds on the rows of the corner points: left/right corners + the centres above/below.
    for (let y = 0; y < mapSize; y += step) {
      for (let x = 0; x < mapSize; x += step) {
        const sum =
          map[at(y + half, x + half)]! +
          map[at(y - half, x + half)]! +
          map[at(y, x)]! +
          map[at(y, x + step)]!;
        map[at(y, x + half)] = wibbled(sum);
      }
    }
    // Diamonds on the columns of the corner points.
    for (let y = 0; y < mapSize; y += step) {
      for (let x = 0; x < mapSize; x += step) {
        const sum =
          map[at(y + half, x + half)]! +
          map[at(y + half, x - half)]! +
          map[at(y, x)]! +
          map[at(y + step, x)]!;
        map[at(y + half, x)] = wibbled(sum);
      }
    }
    step = half;
    wibble /= decay;
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of map) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min || 1;
  for (let i = 0; i < map.length; i++) map[i] = (map[i]! - min) / range;
  return map;
}
