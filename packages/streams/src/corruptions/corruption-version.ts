/**
 * Version of the corruption code's output. Bump it whenever a change alters any corrupted pixel
 * (a table value, a kernel, the order of random draws): cached corrupted sets carry it in their key,
 * so stale entries are never read back.
 */
export const CORRUPTION_CODE_VERSION = 'corruptions-1';
