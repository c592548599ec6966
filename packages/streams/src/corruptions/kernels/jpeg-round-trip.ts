import jpeg from 'jpeg-js';

/**
 * Encodes an [H, W, C] image (C = 1 or 3, values in [0, 1]) as a baseline JPEG at `quality` with
 * jpeg-js and decodes it again. jpeg-js uses the IJG quality scaling and tables like libjpeg but
 * no chroma subsampling (4:4:4, where Pillow uses 4:2:0), and its own colour conversion rounding.
 * Greyscale images are encoded as R = G = B and read back from the decoded luminance.
 */
export function jpegRoundTrip(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  quality: number,
): Float32Array {
  const pixels = height * width;
  const rgba = new Uint8Array(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    for (let k = 0; k < 3; k++) {
      // Upstream hands PIL the uint8 image; rounding recovers k/255 inputs exactly.
      const value = image[p * channels + (channels === 3 ? k : 0)]!;
      rgba[p * 4 + k] = Math.min(255, Math.max(0, Math.round(value * 255)));
    }
    rgba[p * 4 + 3] = 255;
  }
  const encoded = withBufferShim(() => jpeg.encode({ data: rgba, width, height }, quality).data);
  const decoded = jpeg.decode(encoded, { useTArray: true, formatAsRGBA: true });
  const out = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    if (channels === 3) {
      for (let k = 0; k < 3; k++) out[p * 3 + k] = decoded.data[p * 4 + k]! / 255;
    } else {
      out[p] = (decoded.data[p * 4]! + decoded.data[p * 4 + 1]! + decoded.data[p * 4 + 2]!) / (3 * 255);
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
