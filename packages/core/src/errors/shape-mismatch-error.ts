import { ZeroSiamError } from './zerosiam-error';

const marker = Symbol.for('zerosiam.error.ShapeMismatchError');

/** A tensor's shape does not match what a model or function needs. */
export class ShapeMismatchError extends ZeroSiamError {
  readonly [marker] = true;
  override readonly name = 'ZeroSiam_ShapeMismatchError';
  readonly argument: string;
  readonly expectedShape: readonly (number | null)[];
  readonly receivedShape: readonly number[];

  constructor(options: {
    functionName: string;
    argument: string;
    expectedShape: readonly (number | null)[];
    receivedShape: readonly number[];
    fix?: string;
  }) {
    const expected = `[${options.expectedShape.map((d) => (d === null ? 'any' : d)).join(', ')}]`;
    super(
      `${options.functionName}: '${options.argument}' must have shape ${expected}, but has shape [${options.receivedShape.join(', ')}].` +
        ` Fix: ${options.fix ?? `reshape or resize the input to ${expected}.`}`,
    );
    this.argument = options.argument;
    this.expectedShape = options.expectedShape;
    this.receivedShape = options.receivedShape;
  }

  static override isInstance(error: unknown): error is ShapeMismatchError {
    return ZeroSiamError.hasMarker(error, marker);
  }
}
