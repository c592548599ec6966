import * as tf from '@tensorflow/tfjs-core';
import { Conv2d } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import { LayerNorm } from '../layers/layer-norm';
import { Mlp } from '../layers/mlp';
import { MultiHeadAttention } from '../layers/multi-head-attention';
import { ParameterStore } from '../layers/parameter-store';
import type { Initializer } from '../layers/parameter-store';
import type { ModelOptions } from './model-options';
import { resolveModelOptions } from './resolve-model-options';
import { createZooModel } from './zoo-model';
import type { ZooModel } from './zoo-model';

/** vit-tiny hyper-parameters. */
export const VIT_TINY_CONFIG = Object.freeze({ patchSize: 4, width: 128, depth: 4, heads: 4, mlpRatio: 2 });

/**
 * `vit-tiny`: a small ViT in timm's layout. Patch 4 (a 4×4 stride-4 conv, `patch_embed.proj`), width 128,
 * 4 pre-norm blocks (`blocks.i.norm1` → attention with separate `attn.q/k/v` + `attn.proj`, `norm2` →
 * `mlp.fc1` (×2) → GELU → `mlp.fc2`), a CLS token, learned position embeddings sized from the input
 * (⌊H/4⌋·⌊W/4⌋ + 1 tokens: 28×28 gives 7×7 = 49 patches + CLS, 32×32 gives 64 + CLS; a remainder
 * below 4 pixels is dropped, as PyTorch's strided conv does), a final LayerNorm `norm` and the head on
 * the CLS token. LayerNorm ε = 1e-6, init trunc-normal(0.02), as timm.
 */
export function createVitTiny(options: ModelOptions = {}): ZooModel {
  const { inputShape, numClasses, seed, normalization } = resolveModelOptions('vit-tiny', options);
  const { patchSize, width, depth, heads, mlpRatio } = VIT_TINY_CONFIG;
  const rows = Math.floor(inputShape[0] / patchSize);
  const columns = Math.floor(inputShape[1] / patchSize);
  if (rows < 1 || columns < 1)
    throw new Error(`vit-tiny needs inputs of at least ${patchSize}×${patchSize} pixels`);
  const tokens = rows * columns + 1;
  const store = new ParameterStore('vittiny', seed);
  const init: Initializer = { kind: 'truncated-normal', std: 0.02 };
  const zero: Initializer = { kind: 'constant', value: 0 };
  const patch = new Conv2d(store, 'patch_embed.proj', {
    inChannels: inputShape[2],
    outChannels: width,
    kernelSize: patchSize,
    stride: patchSize,
    bias: true,
    initializer: init,
    biasInitializer: zero,
  });
  const clsToken = store.add('cls_token', [1, 1, width], init);
  const positions = store.add('pos_embed', [1, tokens, width], init);
  const blocks = Array.from({ length: depth }, (_, i) => ({
    norm1: new LayerNorm(store, `blocks.${i}.norm1`, width),
    attention: new MultiHeadAttention(store, `blocks.${i}.attn`, width, heads, init),
    norm2: new LayerNorm(store, `blocks.${i}.norm2`, width),
    mlp: new Mlp(store, `blocks.${i}.mlp`, width, width * mlpRatio, init),
  }));
  const norm = new LayerNorm(store, 'norm', width);
  const head = new Dense(store, 'head', {
    inFeatures: width,
    outFeatures: numClasses,
    initializer: init,
    biasInitializer: zero,
  });
  const lastBlock = `blocks.${depth - 1}.`;

  return createZooModel({
    id: 'vit-tiny',
    inputShape,
    numClasses,
    featureDim: width,
    store,
    head,
    hasBatchNorm: false,
    normalization,
    features(images) {
      const batch = images.shape[0];
      const patches = tf.reshape(patch.apply(images), [batch, rows * columns, width]); // [B, N, D]
      // Broadcast-add instead of tf.tile: Tile is slow on wasm and so is its gradient.
      const cls = tf.add(tf.zeros([batch, 1, width]), clsToken);
      let x = tf.add(tf.concat([cls, patches], 1), positions) as tf.Tensor3D; // [B, N + 1, D]
      for (const block of blocks) {
        x = tf.add(x, block.attention.apply(block.norm1.apply(x))) as tf.Tensor3D;
        x = tf.add(x, block.mlp.apply(block.norm2.apply(x))) as tf.Tensor3D;
      }
      x = norm.apply(x);
      return tf.reshape(tf.slice(x, [0, 0, 0], [batch, 1, width]), [batch, width]) as tf.Tensor2D; // CLS token
    },
    // ViT-B's rule leaves out its last 3 of 12 blocks and `norm`; here the last of 4 blocks and `norm`.
    inLastStage: (name) => name.startsWith(lastBlock) || name === 'norm',
  });
}
