import { readFile } from 'node:fs/promises';
import { MissingDataError } from '@zerosiam/core';

/** Reads a whole file; a missing or unreadable file becomes a MissingDataError with `fix`. */
export async function readFileBytes(path: string, what: string, fix: string): Promise<Uint8Array> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new MissingDataError({
      what,
      path,
      problem:
        code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? String(error)})`,
      fix,
      cause: error,
    });
  }
}
