import { ZeroSiamError } from './zerosiam-error';
import { nearestName } from './nearest-name';

const marker = Symbol.for('zerosiam.error.UnknownNameError');

/** A registry lookup (`getLoss`, `getMethod`, `selectBackend`, ...) was given a name it does not hold. */
export class UnknownNameError extends ZeroSiamError {
  readonly [marker] = true;
  override readonly name = 'ZeroSiam_UnknownNameError';
  /** What kind of thing was looked up: `loss`, `method`, `backend`, `corruption`, ... */
  readonly kind: string;
  readonly requested: string;
  readonly available: readonly string[];
  readonly suggestion: string | undefined;

  constructor(options: { kind: string; requested: string; available: readonly string[] }) {
    const suggestion = nearestName(options.requested, options.available);
    super(
      `Unknown ${options.kind} '${options.requested}'. Expected one of: ${options.available.join(', ')}.` +
        (suggestion ? ` Did you mean '${suggestion}'?` : ''),
    );
    this.kind = options.kind;
    this.requested = options.requested;
    this.available = options.available;
    this.suggestion = suggestion;
  }

  static override isInstance(error: unknown): error is UnknownNameError {
    return ZeroSiamError.hasMarker(error, marker);
  }
}
