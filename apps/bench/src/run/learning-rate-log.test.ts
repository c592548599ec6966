import { describe, expect, it } from 'vitest';
import { presets } from '../../configs/index';
import { resolveConfig } from '../config/resolve-config';
import { expandCells } from '../grid/cell';
import { emptyTunedRates, type TunedRates, type WeightsProvenance } from '../tune/tuned-rates';
import { learningRateLog } from './learning-rate-log';
import { describeWeights } from './weights-provenance';

const config = resolveConfig('quick', presets.quick!, [{ key: 'methods', value: 'tent,eata' }]);
const tableOn = (weights: WeightsProvenance): TunedRates => ({
  format: 'zerosiam-bench/tuned-rates/v1',
  models: {
    'resnet20-gn': {
      provenance: {
        weights,
        scenario: 'label-shift',
        batchSize: 64,
        samplesPerDomain: 640,
        steps: 640,
      } as never,
      methods: { tent: { baseLearningRate: 4e-3, meanAccuracy: 0.7, candidates: 3 } },
    },
  },
});

describe('learningRateLog', () => {
  it('names every source, notes missing entries, and warns when the weights changed since tuning', async () => {
    const current = await describeWeights('resnet20-gn', config);
    expect(current.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(current.file).toBe('packages/models/weights/resnet20-gn.safetensors');

    const same = tableOn(current);
    const lines = await learningRateLog(config, expandCells(config, same), same);
    expect(lines).toContain('  tent on resnet20-gn: lr 0.004 = rule(B 0.004 from tuned)');
    expect(lines).toContain('  eata on resnet20-gn: lr 0.001 = rule(B 0.001 from default)');
    expect(lines.some((line) => line.includes('has no entry for some methods on resnet20-gn'))).toBe(true);
    expect(lines.some((line) => line.startsWith('WARNING'))).toBe(false);

    const retrained = tableOn({ ...current, sha256: '0'.repeat(64) });
    const warned = await learningRateLog(config, expandCells(config, retrained), retrained);
    expect(warned.find((line) => line.startsWith('WARNING'))).toMatch(
      /tuned learning rates of resnet20-gn were chosen on weights sha256 000000000000… .* re-tune/,
    );

    const untuned = await learningRateLog(config, expandCells(config, emptyTunedRates), emptyTunedRates);
    expect(untuned.some((line) => line.startsWith('WARNING'))).toBe(false);

    // Tuned on quick's stream: a 10,000-sample stream falls back and says why.
    const longer = resolveConfig('quick', presets.quick!, [
      { key: 'methods', value: 'tent' },
      { key: 'scenario.samplesPerDomain', value: '10000' },
      { key: 'scenario.steps', value: '10000' },
    ]);
    const other = await learningRateLog(longer, expandCells(longer, same), same);
    expect(other).toContain('  tent on resnet20-gn: lr 0.001 = rule(B 0.001 from default)');
    expect(other.find((line) => line.includes('chosen on another stream'))).toMatch(
      /samplesPerDomain 10000 \(tuned on 640\), steps 10000 \(tuned on 640\)/,
    );
  });
});
