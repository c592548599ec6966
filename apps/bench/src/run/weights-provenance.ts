import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { BenchConfig } from '../config/bench-config';
import { benchRoot } from '../config/bench-root';
import type { WeightsProvenance } from '../tune/tuned-rates';

const cache = new Map<string, WeightsProvenance>();

/**
 * Which weights a cell adapts: for shipped zoo weights the file's sha256 and the model card's
 * clean accuracy, so results (and the tuned learning rates chosen from them) name the exact
 * weights, and a retrained model shows up as a different hash. Hashed once per file version.
 */
export async function describeWeights(model: string, config: BenchConfig): Promise<WeightsProvenance> {
  if (config.weights === 'fresh' || model === 'tiny-gn' || model === 'tiny-bn') return { kind: 'fresh' };
  const { cardPathFor, shippedWeightsDirectory } = await import('@zerosiam/models/node');
  const path = join(shippedWeightsDirectory(), `${model}.safetensors`);
  if (!existsSync(path)) return { kind: 'shipped' };
  const stat = statSync(path);
  const cacheKey = `${path}|${stat.size}|${stat.mtimeMs}`;
  let provenance = cache.get(cacheKey);
  if (!provenance) {
    const cardPath = cardPathFor(path);
    const card = existsSync(cardPath)
      ? (JSON.parse(readFileSync(cardPath, 'utf8')) as { cleanTestAccuracy?: unknown; date?: unknown })
      : {};
    // The repository root is two folders above apps/bench.
    const file = relative(join(benchRoot(), '..', '..'), path)
      .split(sep)
      .join('/');
    provenance = {
      kind: 'shipped',
      file,
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
      bytes: stat.size,
      ...(typeof card.cleanTestAccuracy === 'number' ? { cleanTestAccuracy: card.cleanTestAccuracy } : {}),
      ...(typeof card.date === 'string' ? { trainedOn: card.date } : {}),
    };
    cache.set(cacheKey, provenance);
  }
  return provenance;
}
