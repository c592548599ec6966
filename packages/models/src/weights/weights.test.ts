import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { MissingDataError, ShapeMismatchError } from '@zerosiam/core';
import { TIMEOUTS, describeForBackends, expectClose, useBackend } from '@zerosiam/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../zoo/model-registry';
import type { ModelCard } from './model-card';
import { loadModelFromBytes } from './model-from-bytes';
import { loadModel, saveModel } from './model-files';
import { modelToStateDict, readModelStateDict } from './state-dict';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

const fixtures = join(import.meta.dirname, '..', '__fixtures__');
const parityBytes = new Uint8Array(readFileSync(join(fixtures, 'resnet20-gn-parity.safetensors')));
const parity = JSON.parse(readFileSync(join(fixtures, 'resnet20-gn-parity.json'), 'utf8')) as {
  input: number[];
  logits: number[];
};
const card: ModelCard = {
  architecture: 'resnet20-gn',
  inputShape: [28, 28, 1],
  numClasses: 10,
  normalization: { mean: [0], std: [1] },
  trainingData: 'none (seeded random parity fixture)',
  command: '/usr/bin/python3 parity/resnet20_gn.py',
  seed: 0,
  cleanTestAccuracy: Number.NaN,
  date: '2026-11-23',
};

/** Rewrites one tensor's header entry of a safetensors file (data untouched). */
function withHeader(
  bytes: Uint8Array,
  edit: (header: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>) => void,
): Uint8Array {
  const contents = decodeSafetensors(bytes);
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
  edit(header);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + (bytes.length - 8 - length));
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(bytes.subarray(8 + length), 8 + text.length);
  void contents;
  return out;
}

describeForBackends(
  ['cpu', 'wasm'],
  'PyTorch parity: resnet20-gn from a torch-written safetensors file',
  () => {
    it(
      'matches the PyTorch logits within 1e-4',
      () => {
        const model = loadModelFromBytes(parityBytes, card);
        const input = tf.tensor4d(parity.input, [2, 28, 28, 1]);
        const logits = model.forward(input);
        expectClose(logits, parity.logits, { atol: 1e-4, rtol: 1e-4, label: 'logits' });
        tf.dispose([input, logits]);
        model.dispose();
      },
      TIMEOUTS.parity,
    );
  },
);

describe('safetensors weights', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  }, TIMEOUTS.backendSetup);
  const directory = mkdtempSync(join(tmpdir(), 'zerosiam-models-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('encodes and decodes F32 tensors with metadata; reads F16, BF16 and F64', () => {
    const tensors = new Map([
      ['a', { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, -6.5]) }],
      ['b.c', { shape: [1], data: Float32Array.from([0.25]) }],
    ]);
    const bytes = encodeSafetensors(tensors, { note: 'x' });
    const header = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + header) % 8).toBe(0);
    const decoded = decodeSafetensors(bytes);
    expect(decoded.metadata).toEqual({ note: 'x' });
    expect([...(decoded.tensors.get('a')?.data ?? [])]).toEqual([1, 2, 3, 4, 5, -6.5]);
    expect(decoded.tensors.get('b.c')?.shape).toEqual([1]);
    // F16 1.0 = 0x3c00, −2.5 = 0xc100; BF16 1.5 = 0x3fc0; F64 3.25.
    const make = (dtype: string, raw: number[], shape: number[]) => {
      const text = new TextEncoder().encode(
        JSON.stringify({ t: { dtype, shape, data_offsets: [0, raw.length] } }),
      );
      const out = new Uint8Array(8 + text.length + raw.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
      out.set(text, 8);
      out.set(raw, 8 + text.length);
      return out;
    };
    expect([
      ...(decodeSafetensors(make('F16', [0x00, 0x3c, 0x00, 0xc1], [2])).tensors.get('t')?.data ?? []),
    ]).toEqual([1, -2.5]);
    expect([...(decodeSafetensors(make('BF16', [0xc0, 0x3f], [1])).tensors.get('t')?.data ?? [])]).toEqual([
      1.5,
    ]);
    const f64 = new Uint8Array(new Float64Array([3.25]).buffer);
    expect([...(decodeSafetensors(make('F64', [...f64], [1])).tensors.get('t')?.data ?? [])]).toEqual([3.25]);
  });

  it('saveModel / loadModel round-trip every zoo model (weights, buffers, card)', async () => {
    for (const id of ['resnet20-bn', 'vit-tiny', 'convnext-nano']) {
      const model = createModel(id, { seed: 4 });
      const path = join(directory, `${id}.safetensors`);
      await saveModel(model, path, { ...card, architecture: id });
      const loaded = await loadModel(path);
      for (const [name, variable] of model.namedParameters()) {
        expectClose(loaded.namedParameters().get(name) as tf.Variable, variable, {
          atol: 0,
          rtol: 0,
          label: name,
        });
      }
      const stored = JSON.parse(readFileSync(join(directory, `${id}.json`), 'utf8')) as ModelCard;
      expect(stored.architecture).toBe(id);
      expect(stored.format).toBe('safetensors');
      model.dispose();
      loaded.dispose();
    }
    const bytes = new Uint8Array(readFileSync(join(directory, 'resnet20-bn.safetensors')));
    // PyTorch layouts on disk: conv [out, in, K, K], linear [out, in].
    expect(decodeSafetensors(bytes).tensors.get('layer2.0.conv1.weight')?.shape).toEqual([32, 16, 3, 3]);
    expect(decodeSafetensors(bytes).tensors.get('fc.weight')?.shape).toEqual([10, 64]);
  });

  it('readModelStateDict (awaited reads, for WebGPU in Node) equals modelToStateDict and leaks nothing', async () => {
    for (const id of ['resnet20-gn', 'convnext-nano']) {
      const model = createModel(id, { seed: 5 });
      const before = tf.memory().numTensors;
      const awaited = await readModelStateDict(model);
      expect(tf.memory().numTensors).toBe(before);
      const sync = modelToStateDict(model);
      expect([...awaited.keys()]).toEqual([...sync.keys()]);
      for (const [name, entry] of sync) {
        expect(awaited.get(name)!.shape, name).toEqual(entry.shape);
        expect(awaited.get(name)!.data, name).toEqual(entry.data);
      }
      model.dispose();
    }
  });

  it('a missing tensor, a wrong shape or a wrong dtype fails naming the tensor', () => {
    const missing = withHeader(parityBytes, (h) => {
      delete h['layer2.1.bn1.bias'];
    });
    expect(() => loadModelFromBytes(missing, card)).toThrow(MissingDataError);
    expect(() => loadModelFromBytes(missing, card)).toThrow(/layer2\.1\.bn1\.bias/);
    const wrongShape = withHeader(parityBytes, (h) => {
      const entry = h['layer3.0.conv1.weight'] as { shape: number[] };
      entry.shape = [64, 32, 9, 1];
    });
    expect(() => loadModelFromBytes(wrongShape, card)).toThrow(ShapeMismatchError);
    expect(() => loadModelFromBytes(wrongShape, card)).toThrow(/layer3\.0\.conv1\.weight/);
    const wrongDtype = withHeader(parityBytes, (h) => {
      (h['fc.bias'] as { dtype: string }).dtype = 'I32';
    });
    expect(() => loadModelFromBytes(wrongDtype, card)).toThrow(/fc\.bias.*I32/);
    expect(() => loadModelFromBytes(parityBytes.subarray(0, 100), card)).toThrow(MissingDataError);
    expect(() => loadModelFromBytes(parityBytes, { ...card, architecture: 'resnet20-bn' })).toThrow(
      /bn1\.running_mean/,
    );
  });

  it('loadModel names the missing file', async () => {
    await expect(loadModel(join(directory, 'nope.safetensors'))).rejects.toThrow(/nope\.safetensors/);
  });
});
