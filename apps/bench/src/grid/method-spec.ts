import { ConfigError } from '../config/config-error';

/** A method entry of a config: `tent`, or `zerosiam[predictor=fixed-identity,alpha=0.5]`. */
export interface MethodSpec {
  /** The entry as written; it labels the method in tables. */
  readonly label: string;
  /** Registry id for getMethod. */
  readonly name: string;
  /** Options passed to the factory (numbers and booleans parsed). */
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

const pattern = /^([a-z0-9+_-]+)(?:\[(.*)\])?$/;

export function parseMethodSpec(entry: string): MethodSpec {
  const match = pattern.exec(entry.trim());
  if (!match) {
    throw new ConfigError(
      `Method entry '${entry}' must look like 'tent' or 'zerosiam[predictor=fixed-identity,alpha=1]'.`,
    );
  }
  const options: Record<string, string | number | boolean> = {};
  for (const pair of (match[2] ?? '').split(/[;,]/).filter((p) => p.trim() !== '')) {
    const [key, raw] = pair.split('=').map((part) => part.trim());
    if (!key || raw === undefined)
      throw new ConfigError(`Method entry '${entry}': option '${pair}' must be key=value.`);
    const number = Number(raw);
    options[key] =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(number) ? number : raw;
  }
  return { label: entry.trim(), name: match[1]!, options };
}
