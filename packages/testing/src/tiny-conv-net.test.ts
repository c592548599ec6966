import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeForBackends } from './describe-for-backends';
import { expectClose } from './expect-close';
import { expectNoLeaks } from './expect-no-leaks';
import { createTinyConvNet } from './tiny-conv-net';

describeForBackends(['cpu', 'wasm'], 'createTinyConvNet', () => {
  let bn: ReturnType<typeof createTinyConvNet>;
  let gn: ReturnType<typeof createTinyConvNet>;
  beforeAll(() => {
    bn = createTinyConvNet({ norm: 'bn', seed: 1 });
    gn = createTinyConvNet({ norm: 'gn', seed: 1 });
  });
  afterAll(() => {
    bn.dispose();
    gn.dispose();
  });

  it('batch_size>1: gives [batch, classes] logits without leaking', async () => {
    const x = tf.randomNormal([3, 8, 8, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
    await expectNoLeaks(() => {
      const logits = bn.forward(x);
      expect(logits.shape).toEqual([3, 5]);
      logits.dispose();
    });
    x.dispose();
  });

  it('batch_size=1: GroupNorm works where BatchNorm degenerates', () => {
    const x = tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 8) as tf.Tensor4D;
    const logits = gn.forward(x);
    expect(Number.isFinite(logits.dataSync()[0]!)).toBe(true);
    tf.dispose([x, logits]);
  });

  it('snapshot/restore puts parameters back exactly', () => {
    const snapshot = gn.snapshot();
    const [gamma] = gn.normParameters();
    const before = Float32Array.from(gamma!.dataSync());
    gamma!.assign(tf.add(gamma!, 1));
    gn.restore(snapshot);
    expectClose(gamma!.dataSync(), before, { atol: 0, rtol: 0 });
    snapshot.dispose();
  });

  it('exclude-last-stage leaves out the last norm layer', () => {
    expect(bn.normParameters('all')).toHaveLength(4);
    expect(bn.normParameters('exclude-last-stage')).toHaveLength(2);
  });
});
