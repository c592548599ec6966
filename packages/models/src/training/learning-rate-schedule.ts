/** Linear warm-up from 0 over `warmupSteps`, then cosine decay to 0 at `totalSteps` (step is 0-based). */
export function cosineLearningRate(
  baseRate: number,
  step: number,
  totalSteps: number,
  warmupSteps = 0,
): number {
  if (warmupSteps > 0 && step < warmupSteps) return (baseRate * (step + 1)) / warmupSteps;
  const span = Math.max(1, totalSteps - warmupSteps);
  const progress = Math.min(1, (step - warmupSteps) / span);
  return 0.5 * baseRate * (1 + Math.cos(Math.PI * progress));
}
