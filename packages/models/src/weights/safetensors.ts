import { describeValue, InvalidArgumentError, MissingDataError } from '@zerosiam/core';

/** Tensor element types this reader understands; everything is returned as float32. */
export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'F64';

/** One tensor of a safetensors file, decoded to float32. */
export interface SafetensorsTensor {
  /** The dtype stored in the file. */
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface SafetensorsContents {
  readonly tensors: ReadonlyMap<string, SafetensorsTensor>;
  /** The optional `__metadata__` string map. */
  readonly metadata: Readonly<Record<string, string>>;
}

const BYTES: Record<SafetensorsDtype, number> = {
  F32: 4,
  F16: 2,
  BF16: 2,
  F64: 8,
};

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function invalid(source: string, problem: string): MissingDataError {
  return new MissingDataError({
    what: 'safetensors file',
    path: source,
    problem,
    fix: 'write the file with safetensors (PyTorch `safetensors.torch.save_file`) or `saveModel`, and check that it was copied completely.',
  });
}

/**
 * Reads the safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?}`, then the raw little-endian data.
 * F32 is read as is; F16, BF16 and F64 are converted to float32. `source` names the file in errors.
 */
export function decodeSafetensors(bytes: Uint8Array, source = '<bytes>'): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError({
      functionName: 'decodeSafetensors',
      argument: 'bytes',
      expected: 'a Uint8Array',
      received: describeValue(bytes),
    });
  }
  if (bytes.byteLength < 8)
    throw invalid(source, `it has ${bytes.byteLength} bytes, fewer than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8)
    throw invalid(
      source,
      `the header claims ${headerLength} bytes but the file has ${bytes.byteLength - 8} after the length`,
    );
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<
      string,
      unknown
    >;
  } catch (cause) {
    throw invalid(source, `the JSON header does not parse (${String(cause)})`);
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const tensors = new Map<string, SafetensorsTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    const {
      dtype,
      shape,
      data_offsets: offsets,
    } = (entry ?? {}) as {
      dtype?: string;
      shape?: number[];
      data_offsets?: [number, number];
    };
    if (dtype === undefined || !(dtype in BYTES)) {
      throw invalid(
        source,
        `tensor '${name}' has dtype ${describeValue(dtype)}; supported are F32, F16, BF16, F64`,
      );
    }
    if (!Array.isArray(shape) || !Array.isArray(offsets) || offsets.length !== 2) {
      throw invalid(source, `tensor '${name}' has no valid shape/data_offsets`);
    }
    const [begin, end] = offsets;
    const size = shape.reduce((a, b) => a * b, 1);
    const width = BYTES[dtype as SafetensorsDtype];
    if (end - begin !== size * width || begin < 0 || end > dataLength) {
      throw invalid(
        source,
        `tensor '${name}' (${dtype} [${shape.join(', ')}]) has data_offsets [${begin}, ${end}] that do not match its size or the file length`,
      );
    }
    const at = dataStart + begin;
    const data = new Float32Array(size);
    const raw = new DataView(bytes.buffer, bytes.byteOffset + at, end - begin);
    switch (dtype as SafetensorsDtype) {
      case 'F32':
        for (let i = 0; i < size; i++) data[i] = raw.getFloat32(i * 4, true);
        break;
      case 'F64':
        for (let i = 0; i < size; i++) data[i] = raw.getFloat64(i * 8, true);
        break;
      case 'F16':
        for (let i = 0; i < size; i++) data[i] = halfToFloat(raw.getUint16(i * 2, true));
        break;
      case 'BF16': {
        const scratch = new DataView(new ArrayBuffer(4));
        for (let i = 0; i < size; i++) {
          scratch.setUint32(0, raw.getUint16(i * 2, true) << 16, true);
          data[i] = scratch.getFloat32(0, true);
        }
        break;
      }
    }
    tensors.set(name, { dtype: dtype as SafetensorsDtype, shape, data });
  }
  return { tensors, metadata };
}

/** Writes float32 tensors as a safetensors file (header padded with spaces to an 8-byte boundary). */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: Float32Array }>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, tensor] of tensors) {
    const size = tensor.shape.reduce((a, b) => a * b, 1);
    if (size !== tensor.data.length) {
      throw new InvalidArgumentError({
        functionName: 'encodeSafetensors',
        argument: `tensors['${name}']`,
        expected: `${size} values for shape [${tensor.shape.join(', ')}]`,
        received: `${tensor.data.length} values`,
      });
    }
    header[name] = {
      dtype: 'F32',
      shape: [...tensor.shape],
      data_offsets: [offset, offset + size * 4],
    };
    offset += size * 4;
  }
  let json = JSON.stringify(header);
  while ((8 + new TextEncoder().encode(json).byteLength) % 8 !== 0) json += ' ';
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.byteLength;
  for (const tensor of tensors.values()) {
    for (let i = 0; i < tensor.data.length; i++) view.setFloat32(at + i * 4, tensor.data[i]!, true);
    at += tensor.data.length * 4;
  }
  return out;
}
