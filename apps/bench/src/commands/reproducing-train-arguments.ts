/**
 * Flags that decide how a run is carried out, never which weights it ends with (threads change
 * only the order of float sums).
 */
const bookkeeping = new Set(['--resume', '--overwrite-checkpoint', '--threads']);

/**
 * The `train` arguments a model card records: the ones that reproduce the weights. An exact resume,
 * starting over on top of an old checkpoint, or a thread count changes nothing in them, so they are
 * left out.
 */
export function reproducingTrainArguments(argv: readonly string[]): string[] {
  return argv.filter((word) => !bookkeeping.has(word.split('=')[0]!));
}
