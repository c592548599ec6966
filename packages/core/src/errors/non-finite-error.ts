import { ZeroSiamError } from './zerosiam-error';

const marker = Symbol.for('zerosiam.error.NonFiniteError');

/** A tensor that must be finite holds NaN or ±Infinity. Raised before any parameter changes. */
export class NonFiniteError extends ZeroSiamError {
  readonly [marker] = true;
  override readonly name = 'ZeroSiam_NonFiniteError';
  readonly argument: string;
  readonly functionName: string;
  /** Flat index of the first offending element. */
  readonly index: number;
  readonly value: number;

  constructor(options: {
    functionName: string;
    argument: string;
    index: number;
    value: number;
    fix?: string;
  }) {
    super(
      `${options.functionName}: argument '${options.argument}' must hold only finite numbers, but element ${options.index} is ${options.value}. ` +
        `Fix: ${options.fix ?? 'clean or drop the offending samples before passing them in (check the data pipeline and normalisation).'}`,
    );
    this.argument = options.argument;
    this.functionName = options.functionName;
    this.index = options.index;
    this.value = options.value;
  }

  static override isInstance(error: unknown): error is NonFiniteError {
    return ZeroSiamError.hasMarker(error, marker);
  }
}
