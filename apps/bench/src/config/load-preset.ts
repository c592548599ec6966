import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { presets } from '../../configs/index';
import type { PresetConfig } from './bench-config';
import { ConfigError } from './config-error';

/** A preset by name (apps/bench/configs/<name>.ts) or a JSON config file path. */
export function loadPreset(nameOrPath: string | undefined): { name: string; preset: PresetConfig } {
  if (nameOrPath === undefined) {
    throw new ConfigError(`Name a preset (${Object.keys(presets).join(', ')}) or a JSON config file.`);
  }
  if (Object.hasOwn(presets, nameOrPath)) return { name: nameOrPath, preset: presets[nameOrPath]! };
  if (nameOrPath.endsWith('.json') && existsSync(nameOrPath)) {
    try {
      return {
        name: basename(nameOrPath, '.json'),
        preset: JSON.parse(readFileSync(nameOrPath, 'utf8')) as PresetConfig,
      };
    } catch (cause) {
      throw new ConfigError(`Config file '${nameOrPath}' is not valid JSON: ${(cause as Error).message}`);
    }
  }
  throw new ConfigError(
    `Unknown preset '${nameOrPath}'. Presets: ${Object.keys(presets).join(', ')}; or pass a path to a .json config file.`,
  );
}
