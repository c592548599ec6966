import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodePng } from './encode-png';
import { renderContactSheet, renderContactSheetSvg } from './render-contact-sheet';

function readChunks(png: Uint8Array): { type: string; data: Uint8Array; crc: number }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks = [];
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    chunks.push({
      type,
      data: png.subarray(offset + 8, offset + 8 + length),
      crc: view.getUint32(offset + 8 + length),
    });
    offset += 12 + length;
  }
  return chunks;
}

describe('encodePng', () => {
  const pixels = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 13); // [2, 3, 3]
  const png = encodePng(pixels, 3, 2, 3);

  it('writes the signature and IHDR/IDAT/IEND', () => {
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset, 13);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), ihdr.getUint8(8), ihdr.getUint8(9)]).toEqual([3, 2, 8, 2]);
  });

  it('IDAT re-inflates to filter-0 rows of the pixels', () => {
    const raw = unzlibSync(readChunks(png)[1]!.data);
    expect(Array.from(raw)).toEqual([0, ...pixels.subarray(0, 9), 0, ...pixels.subarray(9)]);
  });

  it('chunk CRCs match (IEND has the well-known AE 42 60 82)', () => {
    expect(readChunks(png)[2]!.crc).toBe(0xae426082);
  });

  it('rejects a size mismatch', () => {
    expect(() => encodePng(pixels, 4, 2, 3)).toThrow(/bytes/);
  });
});

describe('renderContactSheet', () => {
  const images = Float32Array.from({ length: 2 * 8 * 8 }, (_, i) => (i % 8) / 8); // [2, 8, 8, 1]
  const options = {
    shape: [2, 8, 8, 1] as [number, number, number, number],
    corruptions: ['fog', 'contrast'],
    zoom: 1,
    gap: 2,
  };

  it('lays out rows = corruptions and columns = clean + 5 severities', () => {
    const chunks = readChunks(renderContactSheet(images, options));
    const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset, 13);
    expect(ihdr.getUint32(0)).toBe(6 * (16 + 2) + 2);
    expect(ihdr.getUint32(4)).toBe(2 * (8 + 2) + 2);
    expect(ihdr.getUint8(9)).toBe(0); // greyscale
  });

  it('has a labelled SVG variant', () => {
    const svg = renderContactSheetSvg(images, options);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>contrast<');
    expect(svg).toContain('severity 5');
    expect(svg.match(/<image /g)?.length).toBe(12);
  });
});
