// Test-only writers that produce the exact on-disk formats, so readers are checked on real layouts.

/** IDX bytes: 00 00 08 <rank>, big-endian uint32 dims, unsigned-byte payload. */
export function writeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out[2] = 0x08;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  for (let d = 0; d < dims.length; d++) view.setUint32(4 + 4 * d, dims[d]!, false);
  out.set(data, 4 + 4 * dims.length);
  return out;
}

/** A tiny deterministic image/label pair for the MNIST family ([count, 28, 28] + [count]). */
export function makeIdxPair(count: number, numClasses = 10): { images: Uint8Array; labels: Uint8Array } {
  const pixels = new Uint8Array(count * 28 * 28);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 256;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = i % numClasses;
  return {
    images: writeIdx([count, 28, 28], pixels),
    labels: writeIdx([count], labels),
  };
}
