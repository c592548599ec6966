import * as tf from '@tensorflow/tfjs-core';
import { BatchNorm } from '../layers/batch-norm';
import { Conv2d } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import { GroupNorm } from '../layers/group-norm';
import { ParameterStore } from '../layers/parameter-store';
import { globalAveragePool } from '../layers/pooling';
import type { ModelOptions } from './model-options';
import { resolveModelOptions } from './resolve-model-options';
import type { ZooModel } from './zoo-model';
import { createZooModel } from './zoo-model';

/** GroupNorm groups in resnet20-gn: 8 everywhere (2 channels per group at width 16, 8 at width 64). */
export const RESNET20_GROUPS = 8;

type Norm = { apply(x: tf.Tensor4D): tf.Tensor4D };

/**
 * ResNet-20 for small images (He et al. 2016, CIFAR variant): 3×3 conv 16 → 3 stages × 3 basic
 * blocks with 16/32/64 channels (stride 2 at stages 2 and 3) → GAP → fc. Shortcuts are 1×1 conv +
 * norm projections where the shape changes (option B). Convs have no bias. Names follow PyTorch:
 * `conv1`, `bn1`, `layer{1,2,3}.{0,1,2}.{conv1,bn1,conv2,bn2,shortcut.0,shortcut.1}`, `fc`.
 * `bn*` names are kept for GroupNorm too (as timm's resnet50_gn).
 */
function createResNet20(norm: 'bn' | 'gn', options: ModelOptions): ZooModel {
  const { inputShape, numClasses, seed, normalization } = resolveModelOptions(`resnet20-${norm}`, options);
  const store = new ParameterStore(`resnet20${norm}`, seed);
  const makeNorm = (name: string, channels: number): Norm =>
    norm === 'bn'
      ? new BatchNorm(store, name, channels)
      : new GroupNorm(store, name, RESNET20_GROUPS, channels);

  const conv1 = new Conv2d(store, 'conv1', {
    inChannels: inputShape[2],
    outChannels: 16,
    kernelSize: 3,
    padding: 1,
  });
  const bn1 = makeNorm('bn1', 16);
  const blocks: ((x: tf.Tensor4D) => tf.Tensor4D)[] = [];
  let inChannels = 16;
  [16, 32, 64].forEach((channels, stage) => {
    for (let index = 0; index < 3; index++) {
      const stride = stage > 0 && index === 0 ? 2 : 1;
      const prefix = `layer${stage + 1}.${index}`;
      const c1 = new Conv2d(store, `${prefix}.conv1`, {
        inChannels,
        outChannels: channels,
        kernelSize: 3,
        stride,
        padding: 1,
      });
      const n1 = makeNorm(`${prefix}.bn1`, channels);
      const c2 = new Conv2d(store, `${prefix}.conv2`, {
        inChannels: channels,
        outChannels: channels,
        kernelSize: 3,
        padding: 1,
      });
      const n2 = makeNorm(`${prefix}.bn2`, channels);
      const projection =
        stride !== 1 || inChannels !== channels
          ? {
              conv: new Conv2d(store, `${prefix}.shortcut.0`, {
                inChannels,
                outChannels: channels,
                kernelSize: 1,
                stride,
              }),
              norm: makeNorm(`${prefix}.shortcut.1`, channels),
            }
          : undefined;
      blocks.push((x) => {
        const out = n2.apply(c2.apply(tf.relu(n1.apply(c1.apply(x)))));
        const shortcut = projection ? projection.norm.apply(projection.conv.apply(x)) : x;
        return tf.relu(tf.add(out, shortcut)) as tf.Tensor4D;
      });
      inChannels = channels;
    }
  });
  const fc = new Dense(store, 'fc', {
    inFeatures: 64,
    outFeatures: numClasses,
  });

  return createZooModel({
    id: `resnet20-${norm}`,
    inputShape,
    numClasses,
    featureDim: 64,
    store,
    head: fc,
    hasBatchNorm: norm === 'bn',
    normalization,
    features(images) {
      let x = tf.relu(bn1.apply(conv1.apply(images)));
      for (const block of blocks) x = block(x);
      return globalAveragePool(x); // [batch, 64]
    },
    // methods.md §4.0 excludes ResNet-50's `layer4`; ResNet-20's last stage is `layer3`.
    inLastStage: (name) => name.startsWith('layer3.'),
  });
}

/** `resnet20-gn`: ResNet-20 with GroupNorm(8 groups) — the default zoo model (batch-size independent). */
export function createResNet20Gn(options: ModelOptions = {}): ZooModel {
  return createResNet20('gn', options);
}

/** `resnet20-bn`: ResNet-20 with BatchNorm (normMode `running` by default; Tent-style methods switch to `batch`). */
export function createResNet20Bn(options: ModelOptions = {}): ZooModel {
  return createResNet20('bn', options);
}
