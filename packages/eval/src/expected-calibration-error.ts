import { InvalidArgumentError } from '@zerosiam/core';
import { CalibrationAccumulator } from './calibration-accumulator';

/**
 * Expected calibration error with equal-width confidence bins (15 by default, the usual
 * `ECELoss` setting; the paper's bin count is unverified, methods.md §2.4). Returns a fraction;
 * tables multiply by 100.
 */
export function expectedCalibrationError(
  confidences: ArrayLike<number>,
  correct: ArrayLike<boolean | number>,
  options: { bins?: number } = {},
): number {
  if (confidences.length !== correct.length) {
    throw new InvalidArgumentError({
      functionName: 'expectedCalibrationError',
      argument: 'correct',
      expected: `one entry per confidence (${confidences.length})`,
      received: `${correct.length} entries`,
    });
  }
  const accumulator = new CalibrationAccumulator(options.bins ?? 15);
  for (let i = 0; i < confidences.length; i++) accumulator.add(confidences[i]!, Boolean(correct[i]));
  return accumulator.value();
}
