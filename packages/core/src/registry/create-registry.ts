import { UnknownNameError } from '../errors/unknown-name-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { describeValue } from '../errors/describe-value';

/** A frozen name → value table whose lookups fail with the list of valid names. */
export interface Registry<T> {
  /** Registry kind, used in errors: `loss`, `divergence`, `method`, ... */
  readonly kind: string;
  readonly names: readonly string[];
  has(name: string): boolean;
  /** Looks a name up, or passes a value of the registry's type straight through. */
  get(nameOrValue: string | T): T;
}

export function createRegistry<T>(kind: string, entries: Readonly<Record<string, T>>): Registry<T> {
  const table = Object.freeze({ ...entries });
  const names = Object.freeze(Object.keys(table));
  return Object.freeze({
    kind,
    names,
    has: (name: string) => Object.hasOwn(table, name),
    get(nameOrValue: string | T): T {
      if (typeof nameOrValue === 'string') {
        if (!Object.hasOwn(table, nameOrValue)) {
          throw new UnknownNameError({ kind, requested: nameOrValue, available: names });
        }
        return table[nameOrValue] as T;
      }
      if (nameOrValue === undefined || nameOrValue === null) {
        throw new InvalidArgumentError({
          functionName: `get ${kind}`,
          argument: 'nameOrValue',
          expected: `a ${kind} name (${names.join(', ')}) or a ${kind} object`,
          received: describeValue(nameOrValue),
        });
      }
      return nameOrValue;
    },
  });
}
