import * as tf from '@tensorflow/tfjs-core';

/** The explicit padding tfjs takes: [[0,0],[top,bottom],[left,right],[0,0]]. */
export type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

/**
 * Reads the conv geometry exactly as the forward kernel does (same/valid/explicit/number,
 * dimRoundingMode), or `undefined` for what the fast path does not cover (NCHW, dilation > 1).
 */
export function convGeometry(
  x: tf.Tensor,
  filter: tf.Tensor,
  attrs: tf.NamedAttrMap,
  depthwise: boolean,
): tf.backend_util.Conv2DInfo | undefined {
  const dataFormat = attrs.dataFormat as string | undefined;
  if (dataFormat !== undefined && dataFormat !== 'NHWC') return undefined;
  if (x.rank !== 4 || filter.rank !== 4) return undefined;
  const dilations = (attrs.dilations ?? 1) as number | [number, number];
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides as number | [number, number],
    dilations,
    attrs.pad as 'valid' | 'same' | number | ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    depthwise,
  );
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  return info;
}

/** Crop and pad of one spatial axis of the upsampled dy, see `transposedConvInput`. */
function frameAxis(upsampledLength: number, leadingPad: number, needed: number) {
  // Element k of the upsampled dy sits at position k + leadingPad of the padded input; only
  // positions [0, needed) are read by the stride-1 conv, so anything outside is cropped.
  const begin = Math.max(0, -leadingPad);
  const end = Math.min(upsampledLength, needed - leadingPad);
  const before = Math.max(0, leadingPad);
  return {
    begin,
    size: end - begin,
    before,
    after: needed - before - (end - begin),
  };
}

/**
 * The input of the forward conv that computes dx: dy zero-upsampled by the stride, framed so
 * that a stride-1 'valid' conv with the flipped kernel gives [N, H, W, ·]. Returns the cropped
 * upsampled dy and the explicit padding to pass to that conv, or `undefined` in degenerate
 * geometries (the caller then uses the stock gradient).
 */
export function transposedConvInput(
  dy: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): { input: tf.Tensor4D; padding: ExplicitPadding } | undefined {
  const { batchSize, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const channels = dy.shape[3];
  const rows = frameAxis(
    outHeight * strideHeight,
    filterHeight - 1 - info.padInfo.top,
    info.inHeight + filterHeight - 1,
  );
  const cols = frameAxis(
    outWidth * strideWidth,
    filterWidth - 1 - info.padInfo.left,
    info.inWidth + filterWidth - 1,
  );
  if (rows.size <= 0 || cols.size <= 0 || rows.after < 0 || cols.after < 0) return undefined;
  let upsampled: tf.Tensor4D = dy;
  if (strideHeight > 1 || strideWidth > 1) {
    // Zero-upsampling as reshape → pad → reshape: [N,Ho,1,Wo,1,C] padded to [N,Ho,s,Wo,s,C].
    const spread = tf.reshape(dy, [batchSize, outHeight, 1, outWidth, 1, channels]);
    const padded = tf.pad(spread, [
      [0, 0],
      [0, 0],
      [0, strideHeight - 1],
      [0, 0],
      [0, strideWidth - 1],
      [0, 0],
    ]);
    upsampled = tf.reshape(padded, [batchSize, outHeight * strideHeight, outWidth * strideWidth, channels]);
  }
  const cropped =
    rows.begin === 0 &&
    cols.begin === 0 &&
    rows.size === upsampled.shape[1] &&
    cols.size === upsampled.shape[2]
      ? upsampled
      : tf.slice(upsampled, [0, rows.begin, cols.begin, 0], [batchSize, rows.size, cols.size, channels]);
  return {
    input: cropped,
    padding: [
      [0, 0],
      [rows.before, rows.after],
      [cols.before, cols.after],
      [0, 0],
    ],
  };
}

/** x zero-padded by the forward conv's padding: [N, Hp, Wp, C]. */
export function padLikeConv(x: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  const { top, bottom, left, right } = info.padInfo;
  if (!(top || bottom || left || right)) return x;
  return tf.pad(x, [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ]);
}
