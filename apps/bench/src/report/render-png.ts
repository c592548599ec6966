import { glyphAdvance, glyphFor, glyphHeight, glyphWidth } from './bitmap-font';
import { encodeRgbPng } from './encode-png';
import { type PlotSpec, computeScales, formatTick, layout, palette } from './plot-spec';

type Rgb = readonly [number, number, number];
const hex = (colour: string): Rgb => [
  Number.parseInt(colour.slice(1, 3), 16),
  Number.parseInt(colour.slice(3, 5), 16),
  Number.parseInt(colour.slice(5, 7), 16),
];

/**
 * The same plot as renderSvg, rasterised in pure TypeScript (no native or downloaded
 * dependency): Bresenham lines drawn 2 px wide, a 5×7 bitmap font, PNG via node:zlib.
 */
export function renderPng(spec: PlotSpec): Uint8Array {
  const { width, height, left, right, top, bottom } = layout;
  const pixels = new Uint8Array(width * height * 3).fill(255);
  const set = (x: number, y: number, colour: Rgb) => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= width || yi >= height) return;
    pixels.set(colour, (yi * width + xi) * 3);
  };
  const line = (x0: number, y0: number, x1: number, y1: number, colour: Rgb, thickness = 1) => {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= steps; i++) {
      const x = x0 + ((x1 - x0) * i) / steps;
      const y = y0 + ((y1 - y0) * i) / steps;
      for (let dx = 0; dx < thickness; dx++)
        for (let dy = 0; dy < thickness; dy++) set(x + dx, y + dy, colour);
    }
  };
  const textWidth = (text: string) => text.length * glyphAdvance - 1;
  /** Draws text with its top-left at (x, y); `vertical` rotates it 90° anticlockwise around (x, y). */
  const text = (value: string, x: number, y: number, colour: Rgb, vertical = false) => {
    [...value].forEach((character, index) => {
      const rows = glyphFor(character);
      for (let gy = 0; gy < glyphHeight; gy++) {
        for (let gx = 0; gx < glyphWidth; gx++) {
          if (!((rows[gy]! >> (glyphWidth - 1 - gx)) & 1)) continue;
          const px = index * glyphAdvance + gx;
          if (vertical) set(x + gy, y - px, colour);
          else set(x + px, y + gy, colour);
        }
      }
    });
  };
  const scales = computeScales(spec);
  const grid: Rgb = [229, 229, 229];
  const ink: Rgb = [51, 51, 51];
  for (const tick of scales.yTicks) {
    const y = scales.y(tick);
    line(left, y, width - right, y, grid);
    const label = formatTick(tick);
    text(label, left - 6 - textWidth(label), y - 3, ink);
  }
  for (const tick of scales.xTicks) {
    const x = scales.x(tick);
    line(x, height - bottom, x, height - bottom + 4, ink);
    const label = formatTick(tick);
    text(label, x - textWidth(label) / 2, height - bottom + 9, ink);
  }
  line(left, top, width - right, top, ink);
  line(left, height - bottom, width - right, height - bottom, ink);
  line(left, top, left, height - bottom, ink);
  line(width - right, top, width - right, height - bottom, ink);
  text(spec.title, left, 14, [0, 0, 0]);
  text(spec.xLabel, (left + width - right) / 2 - textWidth(spec.xLabel) / 2, height - 16, ink);
  text(spec.yLabel, 10, (top + height - bottom) / 2 + textWidth(spec.yLabel) / 2, ink, true);
  spec.series.forEach((series, index) => {
    const colour = hex(palette[index % palette.length]!);
    let previous: [number, number] | undefined;
    series.x.forEach((xv, i) => {
      const yv = series.y[i];
      if (yv === null || yv === undefined || !Number.isFinite(yv)) {
        previous = undefined;
        return;
      }
      const point: [number, number] = [scales.x(xv), scales.y(yv)];
      if (previous) line(previous[0], previous[1], point[0], point[1], colour, 2);
      if (spec.markers)
        for (let d = -2; d <= 2; d++) line(point[0] - 2, point[1] + d, point[0] + 2, point[1] + d, colour);
      previous = point;
    });
    const ly = top + 8 + index * 16;
    line(width - right + 10, ly - 1, width - right + 30, ly - 1, colour, 3);
    text(series.name, width - right + 36, ly - 3, ink);
  });
  return encodeRgbPng(pixels, width, height);
}
