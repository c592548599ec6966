const marker = Symbol.for('zerosiam.error');

/**
 * Base of every error this library throws. Each subclass carries its own marker symbol so
 * `isInstance` works across duplicated package copies (where `instanceof` would not).
 */
export class ZeroSiamError extends Error {
  readonly [marker] = true;
  override readonly name: string = 'ZeroSiam_Error';

  static isInstance(error: unknown): error is ZeroSiamError {
    return ZeroSiamError.hasMarker(error, marker);
  }

  protected static hasMarker(error: unknown, symbol: symbol): boolean {
    return (
      typeof error === 'object' &&
      error !== null &&
      symbol in error &&
      (error as Record<symbol, unknown>)[symbol] === true
    );
  }
}
