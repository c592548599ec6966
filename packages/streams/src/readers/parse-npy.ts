import { InvalidArgumentError, describeValue } from '@zerosiam/core';
import { malformedFile } from './read-errors';

/** Element types `parseNpy` understands (little-endian or byte-sized). */
export type NpyDtype = '|u1' | '|i1' | '<u2' | '<i2' | '<u4' | '<i4' | '<i8' | '<f4' | '<f8';

/** A parsed `.npy` array in C order. 64-bit integers are converted to float64 (exact below 2^53). */
export interface NpyArray {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  readonly data:
    | Uint8Array
    | Int8Array
    | Uint16Array
    | Int16Array
    | Uint32Array
    | Int32Array
    | Float32Array
    | Float64Array;
}

const itemSizes: Record<NpyDtype, number> = {
  '|u1': 1,
  '|i1': 1,
  '<u2': 2,
  '<i2': 2,
  '<u4': 4,
  '<i4': 4,
  '<i8': 8,
  '<f4': 4,
  '<f8': 8,
};

const fix =
  'pass a NumPy .npy file written by np.save (C order, little-endian); re-download it if it was cut short.';

/**
 * Parses a NumPy `.npy` file (format versions 1–3): the magic `\x93NUMPY`, a version, a header
 * length, a Python-literal header `{'descr': ..., 'fortran_order': False, 'shape': (...)}`, then the
 * raw elements. Fortran order and big-endian data are rejected rather than silently transposed.
 */
export function parseNpy(bytes: Uint8Array, fileName = '<bytes>'): NpyArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError({
      functionName: 'parseNpy',
      argument: 'bytes',
      expected: 'a Uint8Array holding a .npy file',
      received: describeValue(bytes),
    });
  }
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((byte, i) => bytes[i] !== byte)) {
    throw malformedFile({
      what: '.npy file',
      fileName,
      expected: 'the magic string \\x93NUMPY',
      received: `${Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' ') || 'no bytes'}`,
      fix,
    });
  }
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) {
      throw malformedFile({
        what: '.npy file',
        fileName,
        expected: 'a 12-byte preamble',
        received: `${bytes.length} bytes`,
        fix,
      });
    }
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw malformedFile({
      what: '.npy file',
      fileName,
      expected: 'format version 1, 2 or 3',
      received: `version ${major}`,
      fix,
    });
  }
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) {
    throw malformedFile({
      what: '.npy file',
      fileName,
      expected: `a ${headerLength}-byte header`,
      received: `${bytes.length - headerStart} bytes (the file is truncated)`,
      fix,
    });
  }
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, dataStart));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw malformedFile({
      what: '.npy file',
      fileName,
      expected: "a header with 'descr', 'fortran_order' and 'shape'",
      received: JSON.stringify(header.trim().slice(0, 80)),
      fix,
    });
  }
  const normalisedDescr = descr === '<u1' || descr === '>u1' ? '|u1' : descr === '<i1' ? '|i1' : descr;
  if (!Object.hasOwn(itemSizes, normalisedDescr)) {
    throw malformedFile({
      what: '.npy file',
      fileName,
      expected: `one of the dtypes ${Object.keys(itemSizes).join(', ')}`,
      received: `dtype '${descr}'`,
      fix: 'convert the array with arr.astype(np.uint8) (images) or arr.astype(np.int64) (labels) and save it again.',
    });
  }
  if (fortran === 'True') {
    throw malformedFile({
      what: '.npy file',
      fileName,
      expected: 'C (row-major) order',
      received: 'fortran_order: True',
      fix: 'save np.ascontiguousarray(arr) instead.',
    });
  }
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(Number);
  if (shape.some((extent) => !Number.isInteger(extent) || extent < 0)) {
    throw malformedFile({
      what: '.npy file',
      fileName,
      expected: 'a shape of non-negative integers',
      received: `(${shapeText})`,
      fix,
    });
  }
  const dtype = normalisedDescr as NpyDtype;
  const count = shape.reduce((product, extent) => product * extent, 1);
  const byteCount = count * itemSizes[dtype];
  if (bytes.length - dataStart < byteCount) {
    throw malformedFile({
      what: '.npy file',
      fileName,
      expected: `${byteCount} data bytes for shape (${shape.join(', ')}) of ${dtype}`,
      received: `${bytes.length - dataStart} bytes (the file is truncated)`,
      fix,
    });
  }
  // Copy so typed views are aligned regardless of the header length.
  const payload = bytes.slice(dataStart, dataStart + byteCount);
  const buffer = payload.buffer;
  switch (dtype) {
    case '|u1':
      return { dtype, shape, data: payload };
    case '|i1':
      return { dtype, shape, data: new Int8Array(buffer) };
    case '<u2':
      return { dtype, shape, data: new Uint16Array(buffer) };
    case '<i2':
      return { dtype, shape, data: new Int16Array(buffer) };
    case '<u4':
      return { dtype, shape, data: new Uint32Array(buffer) };
    case '<i4':
      return { dtype, shape, data: new Int32Array(buffer) };
    case '<f4':
      return { dtype, shape, data: new Float32Array(buffer) };
    case '<f8':
      return { dtype, shape, data: new Float64Array(buffer) };
    case '<i8': {
      const wide = new BigInt64Array(buffer);
      const out = new Float64Array(wide.length);
      for (let i = 0; i < wide.length; i++) out[i] = Number(wide[i]!);
      return { dtype, shape, data: out };
    }
  }
}
