import { describe, expect, it } from 'vitest';
import { createRegistry } from '../registry/create-registry';
import { BackendUnavailableError } from './backend-unavailable-error';
import { InvalidArgumentError } from './invalid-argument-error';
import { MissingDataError } from './missing-data-error';
import { nearestName } from './nearest-name';
import { NonFiniteError } from './non-finite-error';
import { ShapeMismatchError } from './shape-mismatch-error';
import { UnknownNameError } from './unknown-name-error';
import { ZeroSiamError } from './zerosiam-error';

describe('error family', () => {
  it('each error has a marker that isInstance recognises, and the base recognises all', () => {
    const errors = [
      new InvalidArgumentError({
        functionName: 'f',
        argument: 'x',
        expected: 'a tensor',
        received: 'null',
        fix: 'pass one.',
      }),
      new NonFiniteError({ functionName: 'f', argument: 'x', index: 3, value: Number.NaN }),
      new UnknownNameError({ kind: 'method', requested: 'tnet', available: ['tent', 'eata'] }),
      new BackendUnavailableError({ backend: 'webgpu', reason: 'no adapter', fix: 'use wasm' }),
      new MissingDataError({ what: 'IDX file', path: '/x', problem: 'not found', fix: 'install it' }),
      new ShapeMismatchError({
        functionName: 'f',
        argument: 'images',
        expectedShape: [null, 28, 28, 1],
        receivedShape: [2, 32, 32, 3],
      }),
    ];
    for (const error of errors) {
      expect(ZeroSiamError.isInstance(error)).toBe(true);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toMatch(/^ZeroSiam_/);
    }
    expect(InvalidArgumentError.isInstance(errors[0])).toBe(true);
    expect(InvalidArgumentError.isInstance(errors[1])).toBe(false);
    expect(ZeroSiamError.isInstance(new Error('plain'))).toBe(false);
    expect(ZeroSiamError.isInstance(null)).toBe(false);
  });

  it('messages say what was expected, what arrived, and the fix', () => {
    const error = new InvalidArgumentError({
      functionName: 'softmaxEntropy',
      argument: 'logits',
      expected: 'a rank-2 tensor',
      received: 'rank 3',
      fix: 'reshape.',
    });
    expect(error.message).toBe(
      "softmaxEntropy: argument 'logits' must be a rank-2 tensor, but received rank 3. Fix: reshape.",
    );
    const shape = new ShapeMismatchError({
      functionName: 'adapt',
      argument: 'images',
      expectedShape: [null, 28, 28, 1],
      receivedShape: [2, 32, 32, 3],
    });
    expect(shape.message).toContain('[any, 28, 28, 1]');
    expect(shape.message).toContain('[2, 32, 32, 3]');
  });

  it('unknown names list the valid ones and suggest the nearest', () => {
    const error = new UnknownNameError({
      kind: 'method',
      requested: 'tnet',
      available: ['tent', 'eata', 'zerosiam'],
    });
    expect(error.message).toContain('tent, eata, zerosiam');
    expect(error.suggestion).toBe('tent');
    expect(nearestName('xyzzy', ['tent', 'eata'])).toBeUndefined();
    expect(nearestName('Symmetric-KL', ['kl', 'symmetric-kl'])).toBe('symmetric-kl');
  });
});

describe('createRegistry', () => {
  const registry = createRegistry('loss', { entropy: 1, slr: 2 });
  it('looks up names, passes values through, and is frozen', () => {
    expect(registry.get('entropy')).toBe(1);
    expect(registry.get(5)).toBe(5);
    expect(registry.names).toEqual(['entropy', 'slr']);
    expect(Object.isFrozen(registry)).toBe(true);
    expect(registry.has('toString')).toBe(false);
  });
  it('throws UnknownNameError with suggestions', () => {
    expect(() => registry.get('entrpy')).toThrow(/Did you mean 'entropy'/);
    expect(() => registry.get('toString')).toThrow(UnknownNameError);
    expect(() => registry.get(undefined as unknown as number)).toThrow(InvalidArgumentError);
  });
});
