/** A line plot, independent of the output format (SVG for docs, PNG for the README). */
export interface PlotSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
  /** Log-scale x axis (imbalance ratio). */
  readonly logX?: boolean;
  /** Draw markers at the points (few-point series). */
  readonly markers?: boolean;
}

export interface PlotSeries {
  readonly name: string;
  readonly x: readonly number[];
  /** null leaves a gap. */
  readonly y: readonly (number | null)[];
}

/** Colour-blind-safe palette (Okabe–Ito plus greys), in series order. */
export const palette = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#F0E442',
  '#000000',
  '#999999',
  '#882255',
  '#44AA99',
];

/** Layout shared by both renderers so SVG and PNG look alike. */
export const layout = { width: 720, height: 400, left: 64, right: 170, top: 36, bottom: 48 } as const;

export interface Scales {
  readonly x: (value: number) => number;
  readonly y: (value: number) => number;
  readonly xTicks: number[];
  readonly yTicks: number[];
}

function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Data → pixel scales with a little padding and round ticks. */
export function computeScales(spec: PlotSpec): Scales {
  const tx = (v: number) => (spec.logX ? Math.log10(Math.max(v, 1e-12)) : v);
  const xs = spec.series.flatMap((s) => s.x.map(tx));
  const ys = spec.series.flatMap((s) => s.y.filter((v): v is number => v !== null && Number.isFinite(v)));
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (!Number.isFinite(x0)) [x0, x1] = [0, 1];
  if (!Number.isFinite(y0)) [y0, y1] = [0, 1];
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 === y0) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const plotWidth = layout.width - layout.left - layout.right;
  const plotHeight = layout.height - layout.top - layout.bottom;
  const yTicks = niceTicks(y0, y1, 5).filter((v) => v >= y0 && v <= y1);
  const xTicks = spec.logX
    ? Array.from({ length: Math.floor(x1) - Math.ceil(x0) + 1 }, (_, i) => 10 ** (Math.ceil(x0) + i))
    : niceTicks(x0, x1, 6).filter((v) => v >= x0 && v <= x1);
  return {
    x: (v) => layout.left + ((tx(v) - x0) / (x1 - x0)) * plotWidth,
    y: (v) => layout.top + (1 - (v - y0) / (y1 - y0)) * plotHeight,
    xTicks,
    yTicks,
  };
}

/** Short tick labels: 1e5 → "100k", 0.25 → "0.25". */
export function formatTick(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}
