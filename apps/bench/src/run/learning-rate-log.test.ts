import { describe, expect, it } from 'vitest';
import { presets } from '../../configs/index';
import { resolveConfig } from '../config/resolve-config';
import { expandCells } from '../grid/cell';
import { emptyTunedRates, type TunedRates, type WeightsProvenance } from '../tune/tuned-rates';
import { tentTunedTable } from '../tune/tune-records.fixture';
import { learningRateLog } from './learning-rate-log';
import { describeWeights } from './weights-provenance';

const config = resolveConfig('quick', presets.quick!, [{ key: 'methods', value: 'tent,eata' }]);
const tableOn = (weights: WeightsProvenance): TunedRates => tentTunedTable({ weights });

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

    // source and norm update nothing: no rate shown, no "no entry" note for them.
    const frozen = resolveConfig('quick', presets.quick!, [{ key: 'methods', value: 'source,norm' }]);
    const frozenLines = await learningRateLog(frozen, expandCells(frozen, same), same);
    expect(frozenLines).toContain('  source on resnet20-gn: no learning rate (updates no parameters)');
    expect(frozenLines).toContain('  norm on resnet20-gn: no learning rate (updates no parameters)');
    expect(frozenLines.some((line) => line.startsWith('  note:'))).toBe(false);

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

    // A second entry of the long stream's shape: the long run uses it, quick's run still uses its own.
    const both: TunedRates = {
      ...same,
      models: {
        'resnet20-gn': [
          ...same.models['resnet20-gn']!,
          {
            provenance: {
              ...same.models['resnet20-gn']![0]!.provenance,
              samplesPerDomain: 10000,
              steps: 10000,
            },
            methods: { tent: { baseLearningRate: 2.5e-4, meanAccuracy: 0.8, candidates: 3 } },
          },
        ],
      },
    };
    const long = await learningRateLog(longer, expandCells(longer, both), both);
    expect(long).toContain('  tent on resnet20-gn: lr 0.00025 = rule(B 0.00025 from tuned)');
    expect(long.some((line) => line.startsWith('  note:'))).toBe(false);
    const short = await learningRateLog(config, expandCells(config, both), both);
    expect(short).toContain('  tent on resnet20-gn: lr 0.004 = rule(B 0.004 from tuned)');
    // A third shape matching neither lists the tuned shapes.
    const bs32 = resolveConfig('quick', presets.quick!, [
      { key: 'methods', value: 'tent' },
      { key: 'scenario.batchSize', value: '32' },
    ]);
    expect(
      (await learningRateLog(bs32, expandCells(bs32, both), both)).find((l) => l.startsWith('  note:')),
    ).toMatch(
      /entries for other streams only \(label-shift, batch 64, 640 per domain, 640 steps; label-shift, batch 64, 10000 per domain, 10000 steps; this run: label-shift, batch 32, 640 per domain, 640 steps\)/,
    );
  });
});
