import { InvalidArgumentError, type SeededRng, describeValue } from '@zerosiam/core';
import { CORRUPTIONS, VALIDATION_CORRUPTIONS } from '../corruptions/corruption-definition';

/**
 * The 15 benchmark corruptions in the canonical (continual) order, then the 4 validation ones
 * (corruptions-and-streams.md §4.1).
 */
const canonicalCorruptionOrder: readonly string[] = [...CORRUPTIONS, ...VALIDATION_CORRUPTIONS];

/**
 * Reads the corruption and severity from a domain name: `fog@5`, or a corrupted set's name
 * `fashion-mnist/test@fog-5`. Severity is undefined when the name carries none.
 */
export function parseDomainName(name: string): { corruption: string; severity: number | undefined } {
  const at = name.lastIndexOf('@');
  if (at < 0) return { corruption: name, severity: undefined };
  const tail = name.slice(at + 1);
  if (/^\d+$/.test(tail)) return { corruption: name.slice(0, at), severity: Number(tail) };
  const suffixed = /^([A-Za-z_]+)-(\d+)$/.exec(tail);
  if (suffixed) return { corruption: suffixed[1]!, severity: Number(suffixed[2]) };
  return { corruption: name, severity: undefined };
}

/**
 * Domain indices in the requested order. `canonical` sorts by the corruption's place in the
 * canonical list (unknown names keep their relative order after the known ones), then by severity.
 */
export function orderDomains(
  names: readonly string[],
  order: 'canonical' | 'given' | 'random',
  rng: SeededRng,
): number[] {
  const domains = names.map((_, index) => index);
  if (order === 'given') return domains;
  if (order === 'random') return Array.from(rng.fork('domain-order').shuffle(domains));
  if (order !== 'canonical') {
    throw new InvalidArgumentError({
      functionName: 'orderDomains',
      argument: 'order',
      expected: "'canonical', 'given' or 'random'",
      received: describeValue(order),
    });
  }
  const rank = (name: string): number => {
    const position = canonicalCorruptionOrder.indexOf(parseDomainName(name).corruption);
    return position < 0 ? canonicalCorruptionOrder.length : position;
  };
  return domains.sort((a, b) => {
    const byCorruption = rank(names[a]!) - rank(names[b]!);
    if (byCorruption !== 0) return byCorruption;
    return (parseDomainName(names[a]!).severity ?? 0) - (parseDomainName(names[b]!).severity ?? 0) || a - b;
  });
}
