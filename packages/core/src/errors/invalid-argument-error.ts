import { ZeroSiamError } from './zerosiam-error';

const marker = Symbol.for('zerosiam.error.InvalidArgumentError');

/** A function received an argument of the wrong shape, type, range or content. */
export class InvalidArgumentError extends ZeroSiamError {
  readonly [marker] = true;
  override readonly name = 'ZeroSiam_InvalidArgumentError';
  /** Name of the argument, e.g. `logits`. */
  readonly argument: string;
  /** The function that rejected it, e.g. `softmaxEntropy`. */
  readonly functionName: string;
  readonly expected: string;
  readonly received: string;
  readonly fix: string | undefined;

  constructor(options: {
    functionName: string;
    argument: string;
    expected: string;
    received: string;
    fix?: string;
    cause?: unknown;
  }) {
    super(
      `${options.functionName}: argument '${options.argument}' must be ${options.expected}, but received ${options.received}.` +
        (options.fix ? ` Fix: ${options.fix}` : ''),
      { cause: options.cause },
    );
    this.argument = options.argument;
    this.functionName = options.functionName;
    this.expected = options.expected;
    this.received = options.received;
    this.fix = options.fix;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return ZeroSiamError.hasMarker(error, marker);
  }
}
