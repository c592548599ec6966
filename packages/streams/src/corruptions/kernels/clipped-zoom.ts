/** Python's round(): halves go to the even neighbour (scipy computes zoom output sizes with it). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

interface AxisPlan {
  lower: Int32Array;
  upper: Int32Array;
  fraction: Float32Array;
}

/**
 * One axis of the upstream `clipped_zoom`: crop ceil(n/z) centred pixels, upscale with scipy
 * `zoom(order=1)` (corner-aligned: output o samples input o·(m−1)/(out−1), out = round(m·z)),
 * and keep the centred n outputs.
 */
const planCache = new Map<string, AxisPlan>();

/** Plans depend only on (size, zoom): zoom blur reuses the same few for every image. */
function cachedPlan(size: number, zoom: number): AxisPlan {
  const key = `${size}:${zoom}`;
  let plan = planCache.get(key);
  if (plan === undefined) {
    if (planCache.size > 256) planCache.clear();
    plan = planAxis(size, zoom);
    planCache.set(key, plan);
  }
  return plan;
}

function planAxis(size: number, zoom: number): AxisPlan {
  const cropped = Math.ceil(size / zoom);
  const top = Math.floor((size - cropped) / 2);
  const zoomed = roundHalfEven(cropped * zoom);
  const trim = Math.floor((zoomed - size) / 2);
  const lower = new Int32Array(size);
  const upper = new Int32Array(size);
  const fraction = new Float32Array(size);
  const ratio = zoomed > 1 ? (cropped - 1) / (zoomed - 1) : 0;
  for (let o = 0; o < size; o++) {
    const position = (o + trim) * ratio;
    let i0 = Math.floor(position);
    if (i0 > cropped - 1) i0 = cropped - 1;
    const i1 = Math.min(i0 + 1, cropped - 1);
    lower[o] = top + i0;
    upper[o] = top + i1;
    fraction[o] = position - i0;
  }
  return { lower, upper, fraction };
}

/** Upstream `clipped_zoom(image, z)` for an [H, W, C] image (bilinear, corner-aligned). */
export function clippedZoom(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  zoom: number,
  out: Float32Array = new Float32Array(image.length),
): Float32Array {
  const rows = cachedPlan(height, zoom);
  const columns = cachedPlan(width, zoom);
  const stride = width * channels;
  for (let y = 0; y < height; y++) {
    const r0 = rows.lower[y]! * stride;
    const r1 = rows.upper[y]! * stride;
    const fy = rows.fraction[y]!;
    for (let x = 0; x < width; x++) {
      const c0 = columns.lower[x]! * channels;
      const c1 = columns.upper[x]! * channels;
      const fx = columns.fraction[x]!;
      const target = y * stride + x * channels;
      for (let c = 0; c < channels; c++) {
        const top = image[r0 + c0 + c]! * (1 - fx) + image[r0 + c1 + c]! * fx;
        const bottom = image[r1 + c0 + c]! * (1 - fx) + image[r1 + c1 + c]! * fx;
        out[target + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}
