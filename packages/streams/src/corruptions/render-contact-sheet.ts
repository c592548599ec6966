import { describeValue, InvalidArgumentError } from '@zerosiam/core';
import { corrupt, validateSeverity } from './corrupt';
import { CORRUPTIONS, type CorruptionName } from './corruption-definition';
import { encodePng } from './encode-png';
import { getCorruption } from './get-corruption';
import type { CorruptionTableName } from './severity-tables';

export interface ContactSheetOptions {
  /** [N, H, W, C] of the images (pixels in [0, 1]); every cell shows all N side by side. */
  readonly shape: readonly [number, number, number, number];
  /** Rows, in order. Default: the 15 benchmark corruptions. */
  readonly corruptions?: readonly (CorruptionName | string)[];
  /** Columns after the clean one. Default: 1..5. */
  readonly severities?: readonly number[];
  /** Seed of the corruptions. Default 0. */
  readonly seed?: number;
  readonly table?: CorruptionTableName;
  /** Nearest-neighbour magnification of every pixel. Default 2. */
  readonly zoom?: number;
  /** Gap between cells in magnified pixels. Default 4. */
  readonly gap?: number;
}

interface SheetLayout {
  readonly rows: readonly string[];
  readonly columns: readonly (number | 'clean')[];
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly gap: number;
  readonly zoom: number;
  /** [rows, columns] cells, each [H, N·W, C] in [0, 1]. */
  readonly cells: Float32Array[][];
  readonly channels: number;
}

function layoutSheet(images: Float32Array, options: ContactSheetOptions): SheetLayout {
  const [count, height, width, channels] = options.shape;
  if (!(images instanceof Float32Array) || images.length !== count * height * width * channels) {
    throw new InvalidArgumentError({
      functionName: 'renderContactSheet',
      argument: 'images',
      expected: `a Float32Array of ${count} × ${height} × ${width} × ${channels} pixels (options.shape)`,
      received: describeValue(images),
    });
  }
  const rows = (options.corruptions ?? CORRUPTIONS).map((name) => getCorruption(name).name);
  const severities = (options.severities ?? [1, 2, 3, 4, 5]).map((s) =>
    validateSeverity('renderContactSheet', s),
  );
  const zoom = options.zoom ?? 2;
  const gap = options.gap ?? 4;
  // A cell holds the N images side by side: [H, N·W, C].
  const toCell = (batch: Float32Array): Float32Array => {
    const cell = new Float32Array(height * count * width * channels);
    for (let n = 0; n < count; n++) {
      for (let y = 0; y < height; y++) {
        const source = (n * height + y) * width * channels;
        const target = (y * count * width + n * width) * channels;
        cell.set(batch.subarray(source, source + width * channels), target);
      }
    }
    return cell;
  };
  const clean = toCell(images);
  const cells = rows.map((corruption) => [
    clean,
    ...severities.map((severity) =>
      toCell(
        corrupt(images, {
          corruption: corruption as CorruptionName,
          severity,
          shape: options.shape,
          seed: options.seed ?? 0,
          ...(options.table === undefined ? {} : { table: options.table }),
        }),
      ),
    ),
  ]);
  return {
    rows,
    columns: ['clean', ...severities],
    cellWidth: count * width,
    cellHeight: height,
    gap,
    zoom,
    cells,
    channels,
  };
}

function cellToBytes(
  cell: Float32Array,
  width: number,
  height: number,
  channels: number,
  zoom: number,
): Uint8Array {
  const out = new Uint8Array(width * zoom * height * zoom * channels);
  for (let y = 0; y < height * zoom; y++) {
    for (let x = 0; x < width * zoom; x++) {
      const source = (Math.floor(y / zoom) * width + Math.floor(x / zoom)) * channels;
      for (let c = 0; c < channels; c++) {
        out[(y * width * zoom + x) * channels + c] = Math.round(
          Math.min(1, Math.max(0, cell[source + c]!)) * 255,
        );
      }
    }
  }
  return out;
}

/**
 * A contact sheet of corruptions as PNG bytes: rows = corruptions (in the given order), columns =
 * clean then severities 1..5; each cell shows all the given images side by side on a white
 * background. No text (see renderContactSheetSvg for a labelled variant).
 */
export function renderContactSheet(images: Float32Array, options: ContactSheetOptions): Uint8Array {
  const layout = layoutSheet(images, options);
  const { zoom, gap, channels } = layout;
  const cellW = layout.cellWidth * zoom;
  const cellH = layout.cellHeight * zoom;
  const sheetWidth = layout.columns.length * (cellW + gap) + gap;
  const sheetHeight = layout.rows.length * (cellH + gap) + gap;
  const sheet = new Uint8Array(sheetWidth * sheetHeight * channels).fill(255);
  layout.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      const bytes = cellToBytes(cell, layout.cellWidth, layout.cellHeight, channels, zoom);
      const left = gap + c * (cellW + gap);
      const top = gap + r * (cellH + gap);
      for (let y = 0; y < cellH; y++) {
        sheet.set(
          bytes.subarray(y * cellW * channels, (y + 1) * cellW * channels),
          ((top + y) * sheetWidth + left) * channels,
        );
      }
    });
  });
  return encodePng(sheet, sheetWidth, sheetHeight, channels as 1 | 3);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The same sheet as an SVG string with row and column labels; every cell is an embedded PNG
 * (`image-rendering: pixelated`), so the file is self-contained.
 */
export function renderContactSheetSvg(images: Float32Array, options: ContactSheetOptions): string {
  const layout = layoutSheet(images, options);
  const { zoom, gap, channels } = layout;
  const cellW = layout.cellWidth * zoom;
  const cellH = layout.cellHeight * zoom;
  const labelWidth = 130;
  const headerHeight = 20;
  const width = labelWidth + layout.columns.length * (cellW + gap) + gap;
  const height = headerHeight + layout.rows.length * (cellH + gap) + gap;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  layout.columns.forEach((column, c) => {
    const x = labelWidth + gap + c * (cellW + gap) + cellW / 2;
    parts.push(
      `<text x="${x}" y="14" text-anchor="middle">${column === 'clean' ? 'clean' : `severity ${column}`}</text>`,
    );
  });
  layout.cells.forEach((row, r) => {
    const y = headerHeight + gap + r * (cellH + gap);
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + cellH / 2 + 4}" text-anchor="end">${layout.rows[r]}</text>`,
    );
    row.forEach((cell, c) => {
      const png = encodePng(
        cellToBytes(cell, layout.cellWidth, layout.cellHeight, channels, 1),
        layout.cellWidth,
        layout.cellHeight,
        channels as 1 | 3,
      );
      const x = labelWidth + gap + c * (cellW + gap);
      parts.push(
        `<image x="${x}" y="${y}" width="${cellW}" height="${cellH}" style="image-rendering:pixelated" href="data:image/png;base64,${toBase64(png)}"/>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
