import jpeg from 'jpeg-js';

/**
 * Encodes each [H, W, C] image of a batch (C = 1 or 3, values in [0, 1]) as a baseline JPEG at
 * `quality` with jpeg-js and decodes it again. jpeg-js uses the IJG quality scaling and tables like
 * libjpeg but no chroma subsampling (4:4:4, where Pillow uses 4:2:0), and its own colour
 * conversion rounding. Greyscale images are encoded as R = G = B and read back as the mean of the
 * decoded channels.
 *
 * Speed: jpeg-js rebuilds its tables on every encode call (~10 ms), so the batch is encoded as one
 * mosaic of tiles. Each tile is the image padded to a multiple of 8 by edge replication — exactly
 * the padding jpeg-js applies to a lone image — and 8×8 blocks never straddle tiles, so every
 * image comes back bit-identical to encoding it alone (DC prediction across blocks is lossless).
 */
export function jpegRoundTrip(
  images: Float32Array, // [N, H, W, C]
  count: number,
  height: number,
  width: number,
  channels: number,
  quality: number,
): Float32Array {
  const tileHeight = Math.ceil(height / 8) * 8;
  const tileWidth = Math.ceil(width / 8) * 8;
  // Up to 64 tiles per mosaic row and 1024 tiles per encode call keep each mosaic small.
  const tilesPerRow = Math.max(1, Math.min(64, count, Math.floor(4096 / tileWidth)));
  const tilesPerCall = tilesPerRow * Math.max(1, Math.floor(1024 / tilesPerRow));
  const imageSize = height * width * channels;
  const out = new Float32Array(count * imageSize);
  for (let first = 0; first < count; first += tilesPerCall) {
    const tiles = Math.min(tilesPerCall, count - first);
    const rows = Math.ceil(tiles / tilesPerRow);
    const mosaicWidth = tilesPerRow * tileWidth;
    const mosaicHeight = rows * tileHeight;
    const rgba = new Uint8Array(mosaicWidth * mosaicHeight * 4).fill(255);
    for (let t = 0; t < tiles; t++) {
      const left = (t % tilesPerRow) * tileWidth;
      const top = Math.floor(t / tilesPerRow) * tileHeight;
      const base = (first + t) * imageSize;
      for (let y = 0; y < tileHeight; y++) {
        const sy = Math.min(y, height - 1);
        for (let x = 0; x < tileWidth; x++) {
          const sx = Math.min(x, width - 1);
          const source = base + (sy * width + sx) * channels;
          const target = ((top + y) * mosaicWidth + left + x) * 4;
          for (let k = 0; k < 3; k++) {
            // Upstream hands PIL the uint8 image; rounding recovers k/255 inputs exactly.
            const value = images[source + (channels === 3 ? k : 0)]!;
            rgba[target + k] = Math.min(255, Math.max(0, Math.round(value * 255)));
          }
        }
      }
    }
    const encoded = withBufferShim(
      () => jpeg.encode({ data: rgba, width: mosaicWidth, height: mosaicHeight }, quality).data,
    );
    const decoded = jpeg.decode(encoded, { useTArray: true, formatAsRGBA: true }).data;
    for (let t = 0; t < tiles; t++) {
      const left = (t % tilesPerRow) * tileWidth;
      const top = Math.floor(t / tilesPerRow) * tileHeight;
      const base = (first + t) * imageSize;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const source = ((top + y) * mosaicWidth + left + x) * 4;
          const target = base + (y * width + x) * channels;
          if (channels === 3) {
            for (let k = 0; k < 3; k++) out[target + k] = decoded[source + k]! / 255;
          } else {
            out[target] = (decoded[source]! + decoded[source + 1]! + decoded[source + 2]!) / (3 * 255);
          }
        }
      }
    }
  }
  return out;
}

/**
 * jpeg-js's CommonJS encoder returns `Buffer.from(bytes)` whenever `module` exists, which bundlers
 * provide in the browser while `Buffer` is absent; a minimal stand-in is installed for the call.
 */
function withBufferShim<T>(body: () => T): T {
  const holder = globalThis as { Buffer?: unknown };
  if (holder.Buffer !== undefined) return body();
  holder.Buffer = {
    from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes),
  };
  try {
    return body();
  } finally {
    delete holder.Buffer;
  }
}
