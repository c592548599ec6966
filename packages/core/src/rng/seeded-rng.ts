import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { describeValue } from '../errors/describe-value';
import { logGamma } from './log-gamma';

/** splitmix32: spreads one 32-bit seed into well-mixed state words. */
function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/** FNV-1a over a string, for deriving child seeds from labels. */
function hashString(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function checkInteger(functionName: string, argument: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError({
      functionName,
      argument,
      expected: `an integer >= ${min}`,
      received: describeValue(value),
    });
  }
}

/**
 * Seeded pseudo-random numbers (xoshiro128**), with the distributions the streams and
 * corruptions need. Every random choice in the library comes from one of these, so a run is
 * reproducible from its recorded seed. Not cryptographic.
 */
export class SeededRng {
  readonly seed: number;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
      throw new InvalidArgumentError({
        functionName: 'SeededRng',
        argument: 'seed',
        expected: 'a finite integer',
        received: describeValue(seed),
        fix: 'record and pass an integer seed, e.g. 2021.',
      });
    }
    this.seed = seed;
    // Mix both 32-bit halves so seeds beyond 2^32 still differ.
    let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) | 0, 0x9e3779b1);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, value] = splitmix32(state);
      state = next;
      words.push(value);
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A child generator whose stream depends only on this seed and `label` (not on draws made so far). */
  fork(label: string | number): SeededRng {
    return new SeededRng(
      hashString(String(label), this.seed >>> 0) ^ (Math.floor(this.seed / 4294967296) >>> 0),
    );
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform double in [low, high). */
  uniform(low: number, high: number): number;
  uniform(low = 0, high = 1): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    const u = (a * 67108864 + b) / 9007199254740992;
    return low + (high - low) * u;
  }

  /** Integer in [low, high) — numpy's `randint` convention: the upper bound is exclusive. */
  integer(low: number, high: number): number {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new InvalidArgumentError({
        functionName: 'SeededRng.integer',
        argument: 'high',
        expected: `an integer greater than low (${low}); the upper bound is exclusive`,
        received: describeValue(high),
      });
    }
    const range = high - low;
    if (range <= 0x100000000) {
      // Rejection sampling removes modulo bias.
      const limit = 0x100000000 - (0x100000000 % range);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return low + (x % range);
    }
    return low + Math.floor(this.uniform() * range);
  }

  /** Standard normal (Box–Muller), or N(mean, std²). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + std * radius * Math.cos(2 * Math.PI * v);
  }

  /**
   * Poisson(λ). Multiplication method below λ = 10; above it Hörmann's PTRS transformed
   * rejection (as numpy uses), which stays exact and O(1) for large λ (shot noise needs λ ≈ 500).
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new InvalidArgumentError({
        functionName: 'SeededRng.poisson',
        argument: 'lambda',
        expected: 'a finite number >= 0',
        received: describeValue(lambda),
      });
    }
    if (lambda === 0) return 0;
    if (lambda < 10) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let product = this.uniform();
      while (product > limit) {
        k++;
        product *= this.uniform();
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
        -lambda + k * loglam - logGamma(k + 1)
      ) {
        return k;
      }
    }
  }

  /** Gamma(shape, 1) by Marsaglia–Tsang (with the U^(1/k) boost for shape < 1). */
  gamma(shape: number): number {
    return Math.exp(this.logGammaVariate(shape));
  }

  /** log of a Gamma(shape, 1) draw; stays finite when the draw itself underflows (shape ≪ 1). */
  private logGammaVariate(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) {
      throw new InvalidArgumentError({
        functionName: 'SeededRng.gamma',
        argument: 'shape',
        expected: 'a finite number > 0',
        received: describeValue(shape),
      });
    }
    if (shape < 1) {
      let u = 0;
      while (u === 0) u = this.uniform();
      return this.logGammaVariate(shape + 1) + Math.log(u) / shape;
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return Math.log(d * v);
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return Math.log(d * v);
    }
  }

  /** One draw from Dirichlet(alpha); computed in log space so tiny concentrations (δ = 0.01) work. */
  dirichlet(alpha: readonly number[]): Float64Array {
    if (alpha.length === 0) {
      throw new InvalidArgumentError({
        functionName: 'SeededRng.dirichlet',
        argument: 'alpha',
        expected: 'a non-empty array of positive concentrations',
        received: 'an empty array',
      });
    }
    const logs = alpha.map((a) => this.logGammaVariate(a));
    const max = Math.max(...logs);
    const out = new Float64Array(alpha.length);
    let sum = 0;
    for (let i = 0; i < logs.length; i++) {
      out[i] = Math.exp(logs[i]! - max);
      sum += out[i]!;
    }
    for (let i = 0; i < out.length; i++) out[i]! /= sum;
    return out;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    checkInteger('SeededRng.permutation', 'n', n, 0);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }

  /** Shuffles in place and returns the same array. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.integer(0, i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** An index in 0..p.length-1 drawn with the given (unnormalised, non-negative) weights. */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]!;
    if (!(total > 0)) {
      throw new InvalidArgumentError({
        functionName: 'SeededRng.categorical',
        argument: 'weights',
        expected: 'non-negative weights with a positive sum',
        received: `weights summing to ${total}`,
      });
    }
    let r = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** `size` indices from 0..n-1, with or without replacement. */
  choice(n: number, size: number, options: { replace?: boolean } = {}): Int32Array {
    checkInteger('SeededRng.choice', 'n', n, 1);
    checkInteger('SeededRng.choice', 'size', size, 0);
    const out = new Int32Array(size);
    if (options.replace ?? true) {
      for (let i = 0; i < size; i++) out[i] = this.integer(0, n);
      return out;
    }
    if (size > n) {
      throw new InvalidArgumentError({
        functionName: 'SeededRng.choice',
        argument: 'size',
        expected: `at most n = ${n} when sampling without replacement`,
        received: String(size),
        fix: 'pass { replace: true } or ask for fewer samples.',
      });
    }
    const perm = this.permutation(n);
    out.set(perm.subarray(0, size));
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
