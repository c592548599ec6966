import { type PlotSpec, computeScales, formatTick, layout, palette } from './plot-spec';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A self-contained SVG line plot (no scripts, no external fonts). */
export function renderSvg(spec: PlotSpec): string {
  const scales = computeScales(spec);
  const { width, height, left, right, top, bottom } = layout;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="20" font-size="13" font-weight="bold">${escapeXml(spec.title)}</text>`,
  ];
  for (const tick of scales.yTicks) {
    const y = scales.y(tick).toFixed(1);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(
      `<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatTick(tick)}</text>`,
    );
  }
  for (const tick of scales.xTicks) {
    const x = scales.x(tick).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${height - bottom}" y2="${height - bottom + 4}" stroke="#333"/>`,
    );
    parts.push(`<text x="${x}" y="${height - bottom + 16}" text-anchor="middle">${formatTick(tick)}</text>`);
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="none" stroke="#333"/>`,
  );
  parts.push(
    `<text x="${(left + width - right) / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  spec.series.forEach((series, index) => {
    const colour = palette[index % palette.length]!;
    let path = '';
    let pen = false;
    series.x.forEach((xv, i) => {
      const yv = series.y[i];
      if (yv === null || yv === undefined || !Number.isFinite(yv)) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${scales.x(xv).toFixed(1)} ${scales.y(yv).toFixed(1)}`;
      pen = true;
      if (spec.markers)
        parts.push(
          `<circle cx="${scales.x(xv).toFixed(1)}" cy="${scales.y(yv).toFixed(1)}" r="3" fill="${colour}"/>`,
        );
    });
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.6"/>`);
    const ly = top + 8 + index * 16;
    parts.push(
      `<line x1="${width - right + 10}" x2="${width - right + 30}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="3"/>`,
    );
    parts.push(
      `<text x="${width - right + 36}" y="${ly}" dominant-baseline="middle">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
