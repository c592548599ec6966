/**
 * Splits a command-line list on the commas outside square brackets, so a method entry keeps its
 * options: `tent,zerosiam[baseLearningRate=1e-3,predictorLearningRateScale=10]` is two entries.
 * Brackets that do not balance are left in the parts for the entry's own parser to name.
 */
export function splitList(raw: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '[') depth += 1;
    else if (char === ']') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts;
}
