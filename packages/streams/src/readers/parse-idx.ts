import { describeValue, InvalidArgumentError } from '@zerosiam/core';
import { maybeGunzip } from './maybe-gunzip';
import { malformedFile } from './read-errors';

/** A parsed IDX file: its dimensions and unsigned-byte payload. */
export interface IdxArray {
  /** e.g. [10000, 28, 28] for images, [10000] for labels. */
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const unsignedByteType = 0x08;

/**
 * Parses an IDX file (the MNIST family's format), raw or gzip-compressed. Only the unsigned-byte
 * element type (0x08) is accepted, which every MNIST-style release uses.
 *
 * Layout: 2 zero bytes, the element type, the number of dimensions, one big-endian uint32 per
 * dimension, then the elements in row-major order.
 */
export function parseIdx(bytes: Uint8Array, fileName = '<bytes>'): IdxArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError({
      functionName: 'parseIdx',
      argument: 'bytes',
      expected: 'a Uint8Array holding an IDX file',
      received: describeValue(bytes),
    });
  }
  const raw = maybeGunzip(bytes, fileName);
  const fix =
    'pass an MNIST-style IDX file (e.g. t10k-images-idx3-ubyte[.gz]); download it again if it was cut short.';
  if (raw.length < 4) {
    throw malformedFile({
      what: 'IDX file',
      fileName,
      expected: 'a 4-byte magic number',
      received: `${raw.length} bytes`,
      fix,
    });
  }
  if (raw[0] !== 0 || raw[1] !== 0 || raw[2] !== unsignedByteType) {
    const magic = Array.from(raw.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw malformedFile({
      what: 'IDX file',
      fileName,
      expected: 'the magic number 00 00 08 <dims> (unsigned bytes)',
      received: `magic number ${magic}`,
      fix,
    });
  }
  const rank = raw[3]!;
  const headerLength = 4 + 4 * rank;
  if (rank === 0 || raw.length < headerLength) {
    throw malformedFile({
      what: 'IDX file',
      fileName,
      expected: `a header of ${headerLength} bytes with at least one dimension`,
      received: rank === 0 ? 'zero dimensions' : `${raw.length} bytes`,
      fix,
    });
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims: number[] = [];
  let size = 1;
  for (let d = 0; d < rank; d++) {
    const extent = view.getUint32(4 + 4 * d, false);
    dims.push(extent);
    size *= extent;
  }
  const available = raw.length - headerLength;
  if (available < size) {
    throw malformedFile({
      what: 'IDX file',
      fileName,
      expected: `${size} data bytes for dimensions [${dims.join(', ')}]`,
      received: `${available} bytes (the file is truncated)`,
      fix,
    });
  }
  if (available > size) {
    throw malformedFile({
      what: 'IDX file',
      fileName,
      expected: `${size} data bytes for dimensions [${dims.join(', ')}]`,
      received: `${available} bytes (trailing data)`,
      fix,
    });
  }
  return { dims, data: raw.subarray(headerLength, headerLength + size) };
}
