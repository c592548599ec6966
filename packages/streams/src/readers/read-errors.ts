import { MissingDataError } from '@zerosiam/core';

/** A malformed data file: names the file, what was expected, what arrived and the fix. */
export function malformedFile(options: {
  what: string;
  fileName: string;
  expected: string;
  received: string;
  fix: string;
}): MissingDataError {
  return new MissingDataError({
    what: options.what,
    path: options.fileName,
    problem: `expected ${options.expected}, but found ${options.received}`,
    fix: options.fix,
  });
}
