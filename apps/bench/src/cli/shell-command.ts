/**
 * `pnpm bench <argv>` as a line a POSIX shell runs back unchanged: arguments with characters the
 * shell would interpret (`;` inside a method entry, brackets, spaces) are single-quoted. Results and
 * cards store this line, so it must survive a copy and paste.
 */
export function shellCommand(argv: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
  return ['pnpm', 'bench', ...argv.map(quote)].join(' ');
}
