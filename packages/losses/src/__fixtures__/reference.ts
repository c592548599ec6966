// Float64 reference implementations (plain JS numbers, one row at a time) for the tests.
import type * as tf from '@tensorflow/tfjs-core';
import { SeededRng } from '@zerosiam/core';

export type Row = readonly number[];

export function logSoftmaxRow(u: Row): number[] {
  const m = Math.max(...u);
  const lse = m + Math.log(u.reduce((s, x) => s + Math.exp(x - m), 0));
  return u.map((x) => x - lse);
}

export function softmaxRow(u: Row): number[] {
  return logSoftmaxRow(u).map(Math.exp);
}

export function entropyRow(u: Row): number {
  const lp = logSoftmaxRow(u);
  return -lp.reduce((s, l) => s + Math.exp(l) * l, 0);
}

export function klRow(target: Row, online: Row): number {
  const lr = logSoftmaxRow(target);
  const lp = logSoftmaxRow(online);
  return lr.reduce((s, l, c) => s + Math.exp(l) * (l - lp[c]!), 0);
}

export function jsRow(target: Row, online: Row): number {
  const r = softmaxRow(target);
  const p = softmaxRow(online);
  const m = r.map((x, c) => (x + p[c]!) / 2);
  const part = (a: number[]) => a.reduce((s, x, c) => (x > 0 ? s + x * Math.log(x / m[c]!) : s), 0);
  return 0.5 * part(r) + 0.5 * part(p);
}

export function mseRow(target: Row, online: Row): number {
  const r = softmaxRow(target);
  const p = softmaxRow(online);
  return r.reduce((s, x, c) => s + (p[c]! - x) ** 2, 0);
}

export function slrRow(u: Row, clip = 0.99, epsilon = 1e-5): number {
  const p = softmaxRow(u).map((x) => Math.min(x, clip));
  return -p.reduce((s, x) => s + x * Math.log(x / (1 - x) + epsilon), 0);
}

export function comeRow(u: Row, k = u.length): number {
  const m = Math.max(...u);
  const exps = u.map((x) => Math.exp(x - m));
  const denominator = exps.reduce((a, b) => a + b, 0) + k * Math.exp(-m);
  const q = [...exps.map((e) => e / denominator), (k * Math.exp(-m)) / denominator].map((x) => x + 1e-7);
  return -q.reduce((s, x) => s + x * Math.log(x), 0);
}

/** Seeded [batch, classes] logits with a clear arg-max gap, as nested arrays. */
export function seededLogits(seed: number, batch: number, classes: number, scale = 1.5): number[][] {
  const rng = new SeededRng(seed);
  return Array.from({ length: batch }, () => Array.from({ length: classes }, () => rng.normal(0, scale)));
}

export function toRows(tensor: tf.Tensor): number[][] {
  return tensor.arraySync() as number[][];
}

/** Projects each row of `gradient` onto the plane orthogonal to the same row of `logits`. */
export function projectRows(gradient: number[][], logits: number[][]): number[][] {
  return gradient.map((g, b) => {
    const u = logits[b]!;
    const norm = Math.sqrt(u.reduce((s, x) => s + x * x, 0));
    const radial = u.reduce((s, x, c) => s + (x / norm) * g[c]!, 0);
    return g.map((x, c) => x - (u[c]! / norm) * radial);
  });
}

/** Row-major split of a flat array into rows of `classes` entries. */
export function reshapeRows(flat: ArrayLike<number>, classes: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < flat.length; i += classes) rows.push(Array.from(flat).slice(i, i + classes));
  return rows;
}

/** True when every row lies in [0, 1] and sums to 1 (assertLogits rejects such input). */
export function looksLikeProbabilities(rows: number[][]): boolean {
  return (
    rows.length > 0 &&
    rows[0]!.length > 2 &&
    rows.every(
      (row) => row.every((x) => x >= 0 && x <= 1) && Math.abs(row.reduce((a, b) => a + b, 0) - 1) <= 1e-4,
    )
  );
}

/** [batch, classes] logits rows in [−30, 30] with 2..8 classes and 1..3 samples, never probability-like. */
export function logitsRows(fc: typeof import('fast-check'), classes?: number) {
  const rowsFor = (c: number) =>
    fc.array(fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: c, maxLength: c }), {
      minLength: 1,
      maxLength: 3,
    });
  const rows = classes === undefined ? fc.integer({ min: 2, max: 8 }).chain(rowsFor) : rowsFor(classes);
  return rows.filter((r) => !looksLikeProbabilities(r));
}

/** Two [batch, classes] logits row sets of the same shape. */
export function logitsRowPairs(fc: typeof import('fast-check')) {
  return fc
    .tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 3 }))
    .chain(([classes, batch]) => {
      const rows = fc.array(
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: classes, maxLength: classes }),
        { minLength: batch, maxLength: batch },
      );
      return fc.tuple(rows, rows);
    })
    .filter(([a, b]) => !looksLikeProbabilities(a) && !looksLikeProbabilities(b));
}
