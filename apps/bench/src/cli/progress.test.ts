import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress, remainingCellSeconds } from './progress';

/** A stand-in for stderr that keeps what was written. */
const fakeStream = (isTTY: boolean) => {
  const written: string[] = [];
  const stream = {
    isTTY,
    columns: 200,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
};

describe('createProgress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the cell its own ETA and the run the rest of its cells, ignoring time before the first cell', () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream, { quietIntervalSeconds: 30 });
    // Five minutes of loading before the first cell must not slow the estimate.
    vi.advanceTimersByTime(300_000);
    progress.startCell('source', 1, 4);
    vi.advanceTimersByTime(60_000);
    progress.finishCell('source: done');
    progress.startCell('tent', 2, 4);
    progress.update(0, 0.81);
    vi.advanceTimersByTime(30_000);
    // Cell 2 is half done after 30 s: 30 s left in it; 1.5 cells done in 90 s, 2.5 left → 150 s.
    progress.update(0.5, 0.81);
    expect(written.at(-1)).toBe('  tent: 50%, acc 81.0%, ETA cell 30s, all 2m30s\n');
  });

  it('shows a single cell with one ETA, and a caller-supplied ETA as it is', () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream, { quietIntervalSeconds: 30 });
    progress.startCell('zerosiam', 1, 1);
    progress.update(0, 0.5);
    vi.advanceTimersByTime(40_000);
    progress.update(0.8, 0.5);
    expect(written.at(-1)).toBe('  zerosiam: 80%, acc 50.0%, ETA 10s\n');
    vi.advanceTimersByTime(40_000);
    progress.update(0.9, 0.5, 4000);
    expect(written.at(-1)).toBe('  zerosiam: 90%, acc 50.0%, ETA 1h06m\n');
    // Before any labelled sample (a pure-noise phase) there is no accuracy to show.
    vi.advanceTimersByTime(40_000);
    progress.update(0.95, null, 10);
    expect(written.at(-1)).toBe('  zerosiam: 95%, acc –, ETA 10s\n');
  });

  it('stays quiet off a TTY between the start line and the next interval', () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream, { quietIntervalSeconds: 30 });
    progress.startCell('tent', 1, 2);
    for (let second = 1; second < 30; second += 1) {
      vi.advanceTimersByTime(1000);
      progress.update(second / 100, 0.5);
    }
    expect(written).toEqual(['[1/2] tent\n']);
    vi.advanceTimersByTime(1000);
    progress.update(0.3, 0.5);
    expect(written).toHaveLength(2);
    progress.finishCell('tent: acc 50.00%');
    expect(written.at(-1)).toBe('[1/2] tent: acc 50.00%\n');
  });

  it('redraws one bar line in place on a TTY', () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress(stream);
    progress.startCell('eata', 3, 4);
    expect(written).toEqual([]);
    progress.update(0, 0.6);
    vi.advanceTimersByTime(10_000);
    progress.update(0.25, 0.6);
    const line = written.at(-1) ?? '';
    expect(line.startsWith('\r\x1b[2K')).toBe(true);
    expect(line).toContain('3/4 25% acc 60.0% ETA cell 30s, all ');
    expect(line.endsWith(' eata')).toBe(true);
    // Redraws within 100 ms are dropped so a fast loop does not flood the terminal.
    progress.update(0.26, 0.6);
    expect(written.at(-1)).toBe(line);
  });

  it('prices the cells to come by their kind, not by the fast cells that ran first', () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream, { quietIntervalSeconds: 30 });
    progress.plan?.(['source', 'source', 'tent', 'tent', 'tent']);
    for (const position of [1, 2]) {
      progress.startCell('source', position, 5);
      vi.advanceTimersByTime(5_000);
      progress.finishCell('source: done');
    }
    progress.startCell('tent', 3, 5);
    progress.update(0, 0.8);
    vi.advanceTimersByTime(30_000);
    // The first tent cell is half done after 30 s: 30 s left in it, and two more tent cells at
    // its projected 60 s each → 2m30s. The run-average estimate would say (40 s / 2.5) × 2.5 = 40s.
    progress.update(0.5, 0.8);
    expect(written.at(-1)).toBe('  tent: 50%, acc 80.0%, ETA cell 30s, all 2m30s\n');
  });

  it('marks the run ETA as a lower bound while a later kind has not run yet', () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream, { quietIntervalSeconds: 30 });
    progress.plan?.(['source', 'deyo', 'failing']);
    progress.startCell('source', 1, 3);
    progress.update(0, 0.8);
    vi.advanceTimersByTime(30_000);
    // 30 s left of this cell, the unseen deyo and failing cells priced at this cell's 60 s each.
    progress.update(0.5, 0.8);
    expect(written.at(-1)).toBe('  source: 50%, acc 80.0%, ETA cell 30s, all ≥2m30s\n');
    progress.finishCell('source: done');
    progress.startCell('deyo', 2, 3);
    progress.update(0, 0.8);
    vi.advanceTimersByTime(30_000);
    progress.update(0.25, 0.8);
    // deyo projects to 120 s: 90 s left, and the unseen last cell at the dearest kind, 120 s.
    expect(written.at(-1)).toBe('  deyo: 25%, acc 80.0%, ETA cell 1m30s, all ≥3m30s\n');
  });

  it("takes a cell's rate from its first report, not from the set-up before it", () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream, { quietIntervalSeconds: 30 });
    progress.plan?.(['eata', 'eata']);
    progress.startCell('eata', 1, 2);
    // Ten minutes of set-up (a Fisher pass), then the first batch reports 1 %.
    vi.advanceTimersByTime(600_000);
    progress.update(0.01, 0.9);
    // One report gives no rate (from the cell's start it would read 600 s per 1 %, "ETA cell
    // 16h30m"), so the quiet interval's line waits for the next report.
    expect(written.at(-1)).toBe('[1/2] eata\n');
    vi.advanceTimersByTime(30_000);
    progress.update(0.51, 0.9);
    // 50 % in 30 s since the first report: 29.4 s left; the cell projects to 630 + 29.4 s, the
    // next eata cell at that too.
    expect(written.at(-1)).toBe('  eata: 51%, acc 90.0%, ETA cell 29s, all 11m29s\n');
    // The next cell starts its own count.
    progress.finishCell('eata: done');
    progress.startCell('eata', 2, 2);
    vi.advanceTimersByTime(1_000);
    progress.update(0.5, 0.9);
    expect(written.at(-1)).toBe('[2/2] eata\n');
    vi.advanceTimersByTime(30_000);
    progress.update(0.75, 0.9);
    expect(written.at(-1)).toBe('  eata: 75%, acc 90.0%, ETA cell 30s, all 30s\n');
  });

  it('prices a cell with no rate yet by the finished cells of its kind', () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress(stream);
    progress.plan?.(['eata', 'eata']);
    progress.startCell('eata', 1, 2);
    vi.advanceTimersByTime(100_000);
    progress.finishCell('eata: done');
    progress.startCell('eata', 2, 2);
    // 50 s of set-up, then the first report: the cell's own ETA is unknown, and the run's is the
    // first eata cell's 100 s less the 50 s this one has run.
    vi.advanceTimersByTime(50_000);
    progress.update(0.01, 0.9);
    expect(written.at(-1)).toContain('2/2 1% acc 90.0% ETA cell ?, all 50s eata');
  });

  it("prices a resumed grid's cells by the earlier runs' timings until its own cells finish", () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream, { quietIntervalSeconds: 30 });
    // Earlier runs into the same file: sar cells took 400 s, deyo cells 300 s.
    progress.plan?.(
      ['sar', 'sar', 'sar', 'deyo'],
      new Map([
        ['sar', 400],
        ['deyo', 300],
      ]),
    );
    progress.startCell('sar', 1, 4);
    vi.advanceTimersByTime(100_000);
    progress.update(0.01, 0.8);
    vi.advanceTimersByTime(30_000);
    progress.update(0.5, 0.8);
    // Its own rate: 49 % in 30 s → 30.6 s left; then two sar cells at 400 s and deyo at 300 s from
    // the file, with no lower bound, since every kind has a timing.
    expect(written.at(-1)).toBe('  sar: 50%, acc 80.0%, ETA cell 31s, all 18m51s\n');
    progress.finishCell('sar: done');
    // That sar cell took 130 s here: the last sar cell is priced by it, deyo still by the file.
    progress.startCell('sar', 2, 4);
    vi.advanceTimersByTime(10_000);
    progress.update(0.01, 0.8);
    vi.advanceTimersByTime(30_000);
    progress.update(0.5, 0.8);
    expect(written.at(-1)).toBe('  sar: 50%, acc 80.0%, ETA cell 31s, all 7m41s\n');
  });

  it("leaves a failed cell out of its kind's mean", () => {
    expect(remainingCellSeconds(['a', 'b', 'b'], 1, new Map([['a', 10]]), 10)).toEqual({
      seconds: 20,
      lowerBound: true,
    });
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream, { quietIntervalSeconds: 30 });
    progress.plan?.(['tent', 'tent', 'tent']);
    progress.startCell('tent', 1, 3);
    vi.advanceTimersByTime(1_000);
    progress.finishCell('tent: FAILED', { failed: true });
    progress.startCell('tent', 2, 3);
    progress.update(0, 0.8);
    vi.advanceTimersByTime(30_000);
    progress.update(0.5, 0.8);
    // Priced at this cell's projected 60 s, not the failed cell's 1 s.
    expect(written.at(-1)).toBe('  tent: 50%, acc 80.0%, ETA cell 30s, all 1m30s\n');
  });
});
