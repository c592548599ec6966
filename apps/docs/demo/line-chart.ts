/** One named series of (x, y) points. */
export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly margin: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  };
}

export interface ChartGeometry {
  readonly paths: ReadonlyArray<{ name: string; color: string; d: string }>;
  readonly xTicks: ReadonlyArray<{ position: number; label: string }>;
  readonly yTicks: ReadonlyArray<{ position: number; label: string }>;
}

/** Round tick values (1, 2, 5 × 10^k) covering [low, high]. */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!(high > low)) return [low];
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let value = Math.ceil(low / step) * step; value <= high + step * 1e-9; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks;
}

/** SVG path data and tick positions for line series; `yRange` fixes the y axis (else it fits the data). */
export function chartGeometry(
  series: readonly ChartSeries[],
  layout: ChartLayout,
  options: { yRange?: readonly [number, number]; formatY?: (value: number) => string } = {},
): ChartGeometry {
  const all = series.flatMap((line) => line.points);
  const xMax = Math.max(1, ...all.map(([x]) => x));
  let [yLow, yHigh] = options.yRange ?? [
    Math.min(...all.map(([, y]) => y)),
    Math.max(...all.map(([, y]) => y)),
  ];
  if (!Number.isFinite(yLow) || !Number.isFinite(yHigh)) [yLow, yHigh] = [0, 1];
  if (yHigh - yLow < 1e-9) [yLow, yHigh] = [yLow - 0.5, yHigh + 0.5];
  const { width, height, margin } = layout;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (value: number) => margin.left + (value / xMax) * plotWidth;
  const y = (value: number) => margin.top + (1 - (value - yLow) / (yHigh - yLow)) * plotHeight;
  const format = options.formatY ?? ((value: number) => String(value));
  return {
    paths: series.map((line) => ({
      name: line.name,
      color: line.color,
      d: line.points
        .map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`)
        .join(''),
    })),
    xTicks: niceTicks(0, xMax, 4).map((value) => ({ position: x(value), label: String(value) })),
    yTicks: niceTicks(yLow, yHigh, 4).map((value) => ({ position: y(value), label: format(value) })),
  };
}
