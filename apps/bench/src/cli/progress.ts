import { formatSeconds } from './format-seconds';

/** Where progress goes: a TTY gets a live bar, anything else occasional plain lines. */
export interface Progress {
  /**
   * Optional: the cost kind of each cell the run will start, in order (a grid passes
   * `method · model`), so the run's ETA prices the cells still to come by what cells of the same
   * kind took instead of by the average so far (which early, fast `source` cells pull down).
   * `priorMeanSeconds`: what cells of each kind took in earlier runs (a resumed grid reads them
   * from its output file), used for a kind until this run finishes a cell of it.
   */
  plan?(kinds: readonly string[], priorMeanSeconds?: ReadonlyMap<string, number>): void;
  startCell(label: string, position: number, total: number): void;
  /** `etaSeconds`: the caller's own estimate (a resumed training run knows its rate better). */
  /** `accuracy` is null while no labelled sample has been scored (pure noise). */
  update(fraction: number, accuracy: number | null, etaSeconds?: number): void;
  /** `failed`: the cell threw; its time says nothing about the cost of its kind. */
  finishCell(summary: string, options?: { readonly failed?: boolean }): void;
  log(line: string): void;
  done(): void;
}

const accuracyText = (accuracy: number | null) =>
  accuracy === null ? '–' : `${(accuracy * 100).toFixed(1)}%`;

/**
 * The seconds the cells after the current one will take: each priced at the mean time of the
 * finished cells of its kind; a kind not seen yet at the dearest kind seen so far (the current
 * cell's projected time included), since grids start with their cheapest methods. `lowerBound`
 * says some kind was unseen: the estimate can only grow when a dearer method starts.
 */
export function remainingCellSeconds(
  kinds: readonly string[],
  position: number,
  meanSeconds: ReadonlyMap<string, number>,
  currentProjectedSeconds: number,
): { readonly seconds: number; readonly lowerBound: boolean } {
  const current = kinds[position - 1];
  const dearest = Math.max(currentProjectedSeconds, ...meanSeconds.values());
  let seconds = 0;
  let lowerBound = false;
  for (const kind of kinds.slice(position)) {
    const estimate = meanSeconds.get(kind) ?? (kind === current ? currentProjectedSeconds : undefined);
    if (estimate === undefined) lowerBound = true;
    seconds += estimate ?? dearest;
  }
  return { seconds, lowerBound };
}

/**
 * A progress reporter on `stream` (stderr by default, so `--json` stdout stays clean). Two ETAs:
 * the current cell's (its own rate so far) and, when there are several cells, the whole run's.
 * Given a plan of cell kinds, the run's ETA prices each remaining cell by its kind (see
 * `remainingCellSeconds`) and reads `≥` while a kind has not run yet; without one, it is the time
 * since the first cell started over the cells done plus the current cell's fraction.
 * A grid worker's run is its shard, so its "all" ETA is that shard's, not the grid's.
 */
export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  options: { quietIntervalSeconds?: number } = {},
): Progress {
  const tty = Boolean(stream.isTTY);
  const quietInterval = (options.quietIntervalSeconds ?? 30) * 1000;
  // Set when the first cell starts: loading weights and data before it is not cell time.
  let runStart = Number.NaN;
  let cellStart = 0;
  let label = '';
  let position = 0;
  let total = 0;
  let lastPlain = 0;
  let lastDraw = 0;
  let kinds: readonly string[] | undefined;
  let prior: ReadonlyMap<string, number> = new Map();
  // The current cell's first report: its rate is taken from here, because the set-up before the
  // first batch (EATA's Fisher pass, blind-spot's scan for errors) would inflate a rate taken from
  // the cell's start (a 0 %-done EATA cell once read "ETA cell 9h"). Until a later report has
  // moved past it, the cell's rate is unknown.
  let firstUpdate: { readonly at: number; readonly fraction: number } | undefined;
  // Per kind: finished cells and their summed seconds.
  const finished = new Map<string, { cells: number; seconds: number }>();
  const remaining = (elapsedMs: number, done: number, todo: number) =>
    done > 0 ? (elapsedMs / 1000 / done) * (todo - done) : Number.NaN;
  /** Seconds left in the current cell at its rate since its first report; NaN before a second one. */
  const cellRemainingSeconds = (now: number, fraction: number): number =>
    firstUpdate && fraction > firstUpdate.fraction
      ? ((now - firstUpdate.at) / 1000 / (fraction - firstUpdate.fraction)) * (1 - fraction)
      : Number.NaN;
  const runRemainingText = (now: number, fraction: number): string => {
    if (!kinds || kinds.length !== total || fraction <= 0)
      return formatSeconds(remaining(now - runStart, position - 1 + fraction, total));
    const cellElapsed = (now - cellStart) / 1000;
    // This run's own cells of a kind replace the earlier runs' timing of it.
    const means = new Map([
      ...prior,
      ...[...finished].map(([kind, f]) => [kind, f.seconds / f.cells] as const),
    ]);
    // With no rate of its own yet, the cell is priced by the finished cells of its kind.
    const kindMean = means.get(kinds[position - 1] ?? '');
    const ownLeft = cellRemainingSeconds(now, fraction);
    const cellLeft =
      Number.isNaN(ownLeft) && kindMean !== undefined ? Math.max(0, kindMean - cellElapsed) : ownLeft;
    const later = remainingCellSeconds(kinds, position, means, cellElapsed + cellLeft);
    return `${later.lowerBound ? '≥' : ''}${formatSeconds(cellLeft + later.seconds)}`;
  };
  const etaText = (fraction: number, callerEta: number | undefined): string => {
    if (callerEta !== undefined) return `ETA ${formatSeconds(callerEta)}`;
    const now = Date.now();
    const cell = formatSeconds(cellRemainingSeconds(now, fraction));
    if (total <= 1) return `ETA ${cell}`;
    return `ETA cell ${cell}, all ${runRemainingText(now, fraction)}`;
  };
  const clear = () => {
    if (tty) stream.write('\r\x1b[2K');
  };
  return {
    plan(cellKinds, priorMeanSeconds) {
      kinds = [...cellKinds];
      prior = new Map(priorMeanSeconds ?? []);
    },
    startCell(cellLabel, cellPosition, cellTotal) {
      label = cellLabel;
      position = cellPosition;
      total = cellTotal;
      cellStart = Date.now();
      firstUpdate = undefined;
      if (Number.isNaN(runStart)) runStart = cellStart;
      if (!tty) stream.write(`[${position}/${total}] ${label}\n`);
      lastPlain = cellStart;
    },
    update(fraction, accuracy, etaSeconds) {
      const now = Date.now();
      if (!firstUpdate) firstUpdate = { at: now, fraction };
      if (tty) {
        if (now - lastDraw < 100) return;
        lastDraw = now;
        const width = 24;
        const filled = Math.round(fraction * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        // Numbers first: a narrow terminal truncates the cell label, not the ETA.
        const line = `${bar} ${position}/${total} ${(fraction * 100).toFixed(0)}% acc ${accuracyText(accuracy)} ${etaText(fraction, etaSeconds)} ${label}`;
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
      } else if (
        now - lastPlain >= quietInterval &&
        // Off a TTY a line stays until the next interval: wait for a rate rather than print `?`.
        (etaSeconds !== undefined || !Number.isNaN(cellRemainingSeconds(now, fraction)))
      ) {
        lastPlain = now;
        stream.write(
          `  ${label}: ${(fraction * 100).toFixed(0)}%, acc ${accuracyText(accuracy)}, ${etaText(fraction, etaSeconds)}\n`,
        );
      }
    },
    finishCell(summary, options = {}) {
      const kind = kinds?.[position - 1];
      if (kind !== undefined && !options.failed) {
        const entry = finished.get(kind) ?? { cells: 0, seconds: 0 };
        finished.set(kind, {
          cells: entry.cells + 1,
          seconds: entry.seconds + (Date.now() - cellStart) / 1000,
        });
      }
      clear();
      stream.write(`[${position}/${total}] ${summary}\n`);
    },
    log(line) {
      clear();
      stream.write(`${line}\n`);
    },
    done() {
      clear();
    },
  };
}
