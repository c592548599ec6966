import { nearestName } from '@zerosiam/core';
import { type BenchConfig, defaultBenchConfig, type PresetConfig } from './bench-config';
import { ConfigError } from './config-error';
import { configKeys, configSchema, type LeafType } from './config-schema';
import { isGzippedResults } from '../results/results-file';
import { splitList } from './split-list';

/** A raw `--key=value` override as typed on the command line. */
export interface ConfigOverride {
  readonly key: string;
  readonly value: string;
}

const describeType = (type: LeafType): string => {
  switch (type.kind) {
    case 'number':
      return `${type.integer ? 'an integer' : 'a number'}${type.min !== undefined ? ` ≥ ${type.min}` : ''}${type.nullable ? ' or null' : ''}${type.keyword ? ` or '${type.keyword}'` : ''}`;
    case 'string':
      return type.choices ? `one of ${type.choices.join(', ')}` : 'a string';
    case 'number[]':
      return `a comma-separated list of ${type.integer ? 'integers' : 'numbers'}`;
    case 'string[]':
      return 'a comma-separated list of strings';
  }
};

function unknownKey(key: string, where: string): ConfigError {
  const suggestion = nearestName(key, configKeys);
  return new ConfigError(
    `Unknown config key '${key}' in ${where}.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Valid keys: ${configKeys.join(', ')}.`,
  );
}

function wrongType(key: string, type: LeafType, received: unknown, where: string): ConfigError {
  return new ConfigError(
    `Config key '${key}' in ${where} must be ${describeType(type)}, but received ${JSON.stringify(received)}.`,
  );
}

/** Parses a command-line string into the leaf's type. */
export function parseOverrideValue(key: string, raw: string): unknown {
  const type = configSchema[key];
  if (!type) throw unknownKey(key, 'the command line');
  const number = (text: string): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) throw wrongType(key, type, raw, 'the command line');
    return value;
  };
  switch (type.kind) {
    case 'number':
      if (type.keyword !== undefined && raw.trim() === type.keyword) return type.keyword;
      return type.nullable && raw === 'null' ? null : number(raw);
    case 'string':
      return raw;
    case 'number[]':
      return raw === '' ? [] : raw.split(',').map(number);
    case 'string[]':
      return raw === '' ? [] : splitList(raw).map((part) => part.trim());
  }
}

/** Checks one leaf value against its type. */
function checkLeaf(key: string, value: unknown, where: string): void {
  const type = configSchema[key]!;
  const fail = () => wrongType(key, type, value, where);
  const checkNumber = (v: unknown, integer?: boolean, min?: number) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw fail();
    if (integer && !Number.isInteger(v)) throw fail();
    if (min !== undefined && v < min) throw fail();
  };
  switch (type.kind) {
    case 'number':
      if (value === null && type.nullable) return;
      if (type.keyword !== undefined && value === type.keyword) return;
      checkNumber(value, type.integer, type.min);
      return;
    case 'string':
      if (typeof value !== 'string') throw fail();
      if (type.choices && !type.choices.includes(value)) throw fail();
      return;
    case 'number[]':
      if (!Array.isArray(value)) throw fail();
      for (const v of value) checkNumber(v, type.integer);
      return;
    case 'string[]':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw fail();
      return;
  }
}

/** Flattens a (partial) config into dotted keys, rejecting unknown keys. */
function flatten(value: Record<string, unknown>, where: string, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [name, child] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (key === 'preset') continue;
    if (configSchema[key]) {
      leaves.set(key, child);
    } else if (
      child !== null &&
      typeof child === 'object' &&
      !Array.isArray(child) &&
      configKeys.some((k) => k.startsWith(`${key}.`))
    ) {
      for (const [k, v] of flatten(child as Record<string, unknown>, where, key)) leaves.set(k, v);
    } else {
      throw unknownKey(key, where);
    }
  }
  return leaves;
}

function assign(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1)!] = Array.isArray(value) ? [...value] : value;
}

/**
 * defaults ← preset ← overrides, every leaf type-checked. Unknown keys and wrong types throw a
 * ConfigError naming the key and the valid keys or type.
 */
export function resolveConfig(
  presetName: string,
  preset: PresetConfig,
  overrides: readonly ConfigOverride[] = [],
): BenchConfig {
  const config = structuredClone(defaultBenchConfig) as unknown as Record<string, unknown>;
  for (const [key, value] of flatten(preset as Record<string, unknown>, `preset '${presetName}'`)) {
    checkLeaf(key, value, `preset '${presetName}'`);
    assign(config, key, value);
  }
  for (const override of overrides) {
    const value = parseOverrideValue(override.key, override.value);
    checkLeaf(override.key, value, 'the command line');
    assign(config, override.key, value);
  }
  config.preset = presetName;
  const resolved = config as unknown as BenchConfig;
  if (resolved.methods.length === 0 || resolved.models.length === 0 || resolved.seeds.length === 0) {
    throw new ConfigError('Config keys methods, models and seeds must each hold at least one entry.');
  }
  // A noise length on another scenario would be silently ignored: the run would not be the one asked for.
  if (resolved.scenario.noiseLength > 0 && resolved.scenario.name !== 'noise-pre-adaptation') {
    throw new ConfigError(
      `scenario.noiseLength applies to scenario 'noise-pre-adaptation' only, but the scenario is '${resolved.scenario.name}' (noiseLength ${resolved.scenario.noiseLength}). Fix: drop --scenario.noiseLength, or add --scenario.name=noise-pre-adaptation.`,
    );
  }
  // Results are appended a line at a time as cells finish; a gzip stream cannot be appended to safely.
  if (isGzippedResults(resolved.output)) {
    throw new ConfigError(
      `output must be a plain JSON-lines file that cells can be appended to, but it is '${resolved.output}'. Fix: write to '${resolved.output.replace(/\.gz$/, '')}' and gzip it once the grid is done; report reads .jsonl.gz files.`,
    );
  }
  return resolved;
}
