import { malformedFile } from './read-errors';

/** Throws a MissingDataError naming the file when a label is outside [0, numClasses). */
export function checkLabels(
  labels: ArrayLike<number>,
  numClasses: number,
  fileName: string,
  datasetId: string,
): void {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw malformedFile({
        what: `${datasetId} labels`,
        fileName,
        expected: `integer labels in [0, ${numClasses})`,
        received: `label ${label} at position ${i}`,
        fix: `check that the file belongs to ${datasetId} (${numClasses} classes) and is not corrupt.`,
      });
    }
  }
}
