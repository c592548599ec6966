/** Splits read-back values of a [batch, classes] tensor into rows ([batch][classes]). */
export function splitRows(values: Float32Array, classes: number): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let start = 0; start < values.length; start += classes)
    rows.push(values.slice(start, start + classes));
  return rows;
}
