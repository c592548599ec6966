import { ZeroSiamError } from './zerosiam-error';

const marker = Symbol.for('zerosiam.error.MissingDataError');

/** A data set, weight file or other resource is missing or malformed on disk. */
export class MissingDataError extends ZeroSiamError {
  readonly [marker] = true;
  override readonly name = 'ZeroSiam_MissingDataError';
  readonly path: string;
  readonly fix: string;

  constructor(options: { what: string; path: string; problem: string; fix: string; cause?: unknown }) {
    super(`${options.what} at '${options.path}': ${options.problem}. Fix: ${options.fix}`, {
      cause: options.cause,
    });
    this.path = options.path;
    this.fix = options.fix;
  }

  static override isInstance(error: unknown): error is MissingDataError {
    return ZeroSiamError.hasMarker(error, marker);
  }
}
