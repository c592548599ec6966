import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { corruptionsCommand } from '../src/commands/corruptions-command';

const directory = mkdtempSync(join(tmpdir(), 'bench-sheet-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

it('corruptions renders the contact sheet to PNG and SVG', async () => {
  const flags = (out: string) =>
    new Map<string, string | true>([
      ['out', out],
      ['count', '1'],
      ['severities', '5'],
      ['corruptions', 'contrast,pixelate'],
    ]);
  const png = join(directory, 'sheet.png');
  await corruptionsCommand(flags(png));
  expect([...readFileSync(png).subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  const svg = join(directory, 'sheet.svg');
  await corruptionsCommand(flags(svg));
  expect(readFileSync(svg, 'utf8')).toContain('<svg');
  await expect(corruptionsCommand(flags(join(directory, 'sheet.gif')))).rejects.toThrow(/\.png or \.svg/);
});
