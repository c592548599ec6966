// Test-only .npy writer (format 1.0), following numpy's header rules: the header is padded with
// spaces and ends with a newline so the data start on a 64-byte boundary.

export function writeNpy(
  descr: string,
  shape: readonly number[],
  data: Uint8Array,
  options: { fortranOrder?: boolean } = {},
): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${options.fortranOrder ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const preamble = 10;
  const total = Math.ceil((preamble + header.length + 1) / 64) * 64;
  header = header.padEnd(total - preamble - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[preamble + i] = header.charCodeAt(i);
  out.set(data, total);
  return out;
}

/** Little-endian int64 payload for labels. */
export function int64Bytes(values: readonly number[]): Uint8Array {
  const array = new BigInt64Array(values.map((value) => BigInt(value)));
  return new Uint8Array(array.buffer);
}
