/**
 * The batch size the updates run at: `adaptBatchSize` in blind-spot (its `batchSize` only sets the
 * frozen evaluation and the error scan), `batchSize` everywhere else. The learning-rate rule
 * scales with it, and a tuned rate is only valid at it.
 */
export function updateBatchSize(scenario: {
  readonly name: string;
  readonly batchSize: number;
  readonly adaptBatchSize: number;
}): number {
  return scenario.name === 'blind-spot' ? scenario.adaptBatchSize : scenario.batchSize;
}
