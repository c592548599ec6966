import * as tf from '@tensorflow/tfjs-core';
import { Conv2d } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import { DepthwiseConv2d } from '../layers/depthwise-conv2d';
import { LayerNorm } from '../layers/layer-norm';
import { Mlp } from '../layers/mlp';
import { ParameterStore } from '../layers/parameter-store';
import type { Initializer } from '../layers/parameter-store';
import { globalAveragePool } from '../layers/pooling';
import type { ModelOptions } from './model-options';
import { resolveModelOptions } from './resolve-model-options';
import { createZooModel } from './zoo-model';
import type { ZooModel } from './zoo-model';

/** convnext-nano hyper-parameters. */
export const CONVNEXT_NANO_CONFIG = Object.freeze({
  widths: [32, 64, 128] as const,
  depths: [2, 2, 4] as const,
  kernelSize: 7,
  mlpRatio: 4,
  layerScaleInit: 1e-6,
});

/**
 * `convnext-nano`: ConvNeXt (Liu et al. 2022) in timm's layout, shrunk for 28–32 px inputs. Stem: 2×2
 * stride-2 conv + LayerNorm (`stem.0`, `stem.1`; the original's 4×4 patchify would leave 7×7 before the
 * first stage); 3 stages of widths (32, 64, 128) and depths (2, 2, 4); stages 2 and 3 start with
 * LayerNorm + 2×2 stride-2 conv (`stages.i.downsample.0/1`). Block: 7×7 depthwise conv (`conv_dw`) →
 * LayerNorm (`norm`) → `mlp.fc1` (×4) → GELU → `mlp.fc2` → layer scale (`gamma`, init 1e-6) → residual.
 * Head: global average pool → LayerNorm (`head.norm`) → `head.fc`. 28×28 → 14 → 7 → 3 pixels.
 */
export function createConvNextNano(options: ModelOptions = {}): ZooModel {
  const { inputShape, numClasses, seed, normalization } = resolveModelOptions('convnext-nano', options);
  const { widths, depths, kernelSize, mlpRatio, layerScaleInit } = CONVNEXT_NANO_CONFIG;
  const store = new ParameterStore('convnextnano', seed);
  const init: Initializer = { kind: 'truncated-normal', std: 0.02 };
  const zero: Initializer = { kind: 'constant', value: 0 };
  const conv = (name: string, inChannels: number, outChannels: number) =>
    new Conv2d(store, name, {
      inChannels,
      outChannels,
      kernelSize: 2,
      stride: 2,
      bias: true,
      initializer: init,
      biasInitializer: zero,
    });
  const stem = {
    conv: conv('stem.0', inputShape[2], widths[0]),
    norm: new LayerNorm(store, 'stem.1', widths[0]),
  };
  const stages = widths.map((width, s) => ({
    downsample:
      s === 0
        ? undefined
        : {
            norm: new LayerNorm(store, `stages.${s}.downsample.0`, widths[s - 1] as number),
            conv: conv(`stages.${s}.downsample.1`, widths[s - 1] as number, width),
          },
    blocks: Array.from({ length: depths[s] as number }, (_, b) => {
      const prefix = `stages.${s}.blocks.${b}`;
      return {
        convDw: new DepthwiseConv2d(store, `${prefix}.conv_dw`, width, kernelSize, (kernelSize - 1) / 2),
        norm: new LayerNorm(store, `${prefix}.norm`, width),
        mlp: new Mlp(store, `${prefix}.mlp`, width, width * mlpRatio, init),
        gamma: store.add(`${prefix}.gamma`, [width], { kind: 'constant', value: layerScaleInit }),
      };
    }),
  }));
  const last = widths[widths.length - 1] as number;
  const headNorm = new LayerNorm(store, 'head.norm', last);
  const head = new Dense(store, 'head.fc', {
    inFeatures: last,
    outFeatures: numClasses,
    initializer: init,
    biasInitializer: zero,
  });

  return createZooModel({
    id: 'convnext-nano',
    inputShape,
    numClasses,
    featureDim: last,
    store,
    head,
    hasBatchNorm: false,
    normalization,
    features(images) {
      let x = stem.norm.apply(stem.conv.apply(images));
      for (const stage of stages) {
        if (stage.downsample) x = stage.downsample.conv.apply(stage.downsample.norm.apply(x));
        for (const block of stage.blocks) {
          const branch = block.mlp.apply(block.norm.apply(block.convDw.apply(x)));
          x = tf.add(x, tf.mul(branch, block.gamma)) as tf.Tensor4D;
        }
      }
      return headNorm.apply(globalAveragePool(x)); // [batch, 128]
    },
    // Analogue of methods.md §4.0 (last stage + final norm). The literal name rule would exclude
    // nothing on ConvNeXt-T; here the last stage and `head.norm` are left out, as for the other models.
    inLastStage: (name) => name.startsWith(`stages.${widths.length - 1}.`) || name === 'head.norm',
  });
}
