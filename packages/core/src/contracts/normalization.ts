/** Per-channel input normalisation: x' = (x − mean) / std, applied to pixels in [0, 1]. */
export interface Normalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}
