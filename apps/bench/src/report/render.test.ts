import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PlotSpec } from './plot-spec';
import { renderPng } from './render-png';
import { renderSvg } from './render-svg';

const spec: PlotSpec = {
  title: 'Online accuracy (tiny-gn, fog)',
  xLabel: 'samples seen',
  yLabel: 'accuracy %',
  series: [
    { name: 'tent', x: [0, 100, 200], y: [50, 40, null] },
    { name: 'zerosiam', x: [0, 100, 200], y: [50, 55, 60] },
  ],
};

describe('plots', () => {
  it('SVG: one path and one legend entry per series, text escaped', () => {
    const svg = renderSvg({ ...spec, title: 'a < b & c' });
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('a &lt; b &amp; c');
    expect(svg).toContain('>zerosiam</text>');
  });

  it('PNG: a valid 720×400 RGB image with coloured pixels', () => {
    const png = Buffer.from(renderPng(spec));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(720);
    expect(png.readUInt32BE(20)).toBe(400);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(400 * (1 + 720 * 3));
    // The first series colour (#0072B2) appears somewhere.
    let found = false;
    for (let i = 0; i + 2 < raw.length && !found; i++)
      found = raw[i] === 0x00 && raw[i + 1] === 0x72 && raw[i + 2] === 0xb2;
    expect(found).toBe(true);
  });
});
