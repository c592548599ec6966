/**
 * The name a corruption's domain carries in a stream and in `accuracyByDomain`
 * (`fog@5`; the uncorrupted split is `clean`), so readers of result records find it again.
 */
export function domainName(corruption: string, severity: number): string {
  return corruption === 'none' ? 'clean' : `${corruption}@${severity}`;
}
