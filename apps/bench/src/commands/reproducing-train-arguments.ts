/** Flags that decide how a run is carried out, never which weights it ends with. */
const bookkeeping = new Set(['--resume', '--overwrite-checkpoint']);

/**
 * The `train` arguments a model card records: the ones that reproduce the weights. An exact resume,
 * or starting over on top of an old checkpoint, changes nothing in them, so they are left out.
 */
export function reproducingTrainArguments(argv: readonly string[]): string[] {
  return argv.filter((word) => !bookkeeping.has(word));
}
