import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config/config-error';

export const corruptionsFlags = [
  'out',
  'count',
  'seed',
  'severities',
  'corruptions',
  'zoom',
  'data-dir',
  'json',
  'help',
];

/** Renders the corruption contact sheet (rows: corruptions, columns: clean + severities) to PNG or SVG. */
export async function corruptionsCommand(flags: ReadonlyMap<string, string | true>) {
  const { renderContactSheet, renderContactSheetSvg } = await import('@zerosiam/streams');
  const { loadFashionMnist } = await import('@zerosiam/streams/node');
  const out = String(flags.get('out') ?? 'results/corruptions.png');
  const count = Number(flags.get('count') ?? 4);
  const seed = Number(flags.get('seed') ?? 0);
  const zoom = Number(flags.get('zoom') ?? 2);
  if (![count, seed, zoom].every(Number.isFinite) || count < 1)
    throw new ConfigError('--count, --seed and --zoom must be numbers (count ≥ 1).');
  const severities =
    typeof flags.get('severities') === 'string'
      ? String(flags.get('severities')).split(',').map(Number)
      : undefined;
  const corruptions =
    typeof flags.get('corruptions') === 'string' ? String(flags.get('corruptions')).split(',') : undefined;
  const dataDir = flags.get('data-dir');
  const set = await loadFashionMnist({ split: 'test', ...(typeof dataDir === 'string' ? { dataDir } : {}) });
  const [, h, w, c] = set.shape;
  const images = set.images.slice(0, count * h * w * c);
  const options = {
    shape: [count, h, w, c] as const,
    seed,
    zoom,
    ...(severities ? { severities } : {}),
    ...(corruptions ? { corruptions } : {}),
  };
  mkdirSync(dirname(out), { recursive: true });
  if (out.endsWith('.svg')) writeFileSync(out, renderContactSheetSvg(images, options));
  else if (out.endsWith('.png')) writeFileSync(out, renderContactSheet(images, options));
  else throw new ConfigError(`--out must end in .png or .svg, but received '${out}'.`);
  return { out, count, seed };
}
