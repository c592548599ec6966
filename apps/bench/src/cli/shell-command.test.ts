import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellCommand } from './shell-command';

describe('shellCommand', () => {
  it('quotes only what a shell would interpret, and a shell gives back the same arguments', () => {
    const argv = [
      'grid',
      'quick',
      '--methods=source,tent[baseLearningRate=0.004;x=1]',
      "--title=it's",
      '--shard=1/2',
    ];
    const line = shellCommand(argv);
    expect(line).toBe(
      "pnpm bench grid quick '--methods=source,tent[baseLearningRate=0.004;x=1]' '--title=it'\\''s' --shard=1/2",
    );
    // Round trip through a real shell: printf prints each argument on its own line.
    const echoed = execFileSync('sh', ['-c', `printf '%s\\n' ${line.slice('pnpm bench '.length)}`], {
      encoding: 'utf8',
    });
    expect(echoed.trimEnd().split('\n')).toEqual(argv);
  });
});
