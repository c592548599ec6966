import { ZeroSiamError } from './zerosiam-error';

const marker = Symbol.for('zerosiam.error.BackendUnavailableError');

/** A compute backend was requested by name but cannot run here. */
export class BackendUnavailableError extends ZeroSiamError {
  readonly [marker] = true;
  override readonly name = 'ZeroSiam_BackendUnavailableError';
  readonly backend: string;
  readonly reason: string;
  readonly fix: string;

  constructor(options: { backend: string; reason: string; fix: string; cause?: unknown }) {
    super(`Backend '${options.backend}' is not available: ${options.reason}. Fix: ${options.fix}`, {
      cause: options.cause,
    });
    this.backend = options.backend;
    this.reason = options.reason;
    this.fix = options.fix;
  }

  static override isInstance(error: unknown): error is BackendUnavailableError {
    return ZeroSiamError.hasMarker(error, marker);
  }
}
