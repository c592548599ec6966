import { gunzipSync } from 'fflate';
import { malformedFile } from './read-errors';

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflates gzip bytes, passes anything else through unchanged. */
export function maybeGunzip(bytes: Uint8Array, fileName: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw malformedFile({
      what: 'Gzip file',
      fileName,
      expected: 'a complete gzip stream',
      received: `a stream that fails to inflate (${error instanceof Error ? error.message : String(error)})`,
      fix: 'the file is truncated or corrupt: download it again.',
    });
  }
}
