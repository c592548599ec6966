import { formatSeconds } from './format-seconds';

/** Where progress goes: a TTY gets a live bar, anything else occasional plain lines. */
export interface Progress {
  startCell(label: string, position: number, total: number): void;
  /** `etaSeconds`: the caller's own estimate (a resumed training run knows its rate better). */
  /** `accuracy` is null while no labelled sample has been scored (pure noise). */
  update(fraction: number, accuracy: number | null, etaSeconds?: number): void;
  finishCell(summary: string): void;
  log(line: string): void;
  done(): void;
}

const accuracyText = (accuracy: number | null) =>
  accuracy === null ? '–' : `${(accuracy * 100).toFixed(1)}%`;

/**
 * A progress reporter on `stream` (stderr by default, so `--json` stdout stays clean). Two ETAs:
 * the current cell's (its own rate so far) and, when there are several cells, the whole run's
 * (the time since the first cell started, over the cells done plus the current cell's fraction).
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
  const remaining = (elapsedMs: number, done: number, todo: number) =>
    done > 0 ? (elapsedMs / 1000 / done) * (todo - done) : Number.NaN;
  const etaText = (fraction: number, callerEta: number | undefined): string => {
    if (callerEta !== undefined) return `ETA ${formatSeconds(callerEta)}`;
    const now = Date.now();
    const cell = formatSeconds(remaining(now - cellStart, fraction, 1));
    if (total <= 1) return `ETA ${cell}`;
    const all = formatSeconds(remaining(now - runStart, position - 1 + fraction, total));
    return `ETA cell ${cell}, all ${all}`;
  };
  const clear = () => {
    if (tty) stream.write('\r\x1b[2K');
  };
  return {
    startCell(cellLabel, cellPosition, cellTotal) {
      label = cellLabel;
      position = cellPosition;
      total = cellTotal;
      cellStart = Date.now();
      if (Number.isNaN(runStart)) runStart = cellStart;
      if (!tty) stream.write(`[${position}/${total}] ${label}\n`);
      lastPlain = cellStart;
    },
    update(fraction, accuracy, etaSeconds) {
      const now = Date.now();
      if (tty) {
        if (now - lastDraw < 100) return;
        lastDraw = now;
        const width = 24;
        const filled = Math.round(fraction * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        // Numbers first: a narrow terminal truncates the cell label, not the ETA.
        const line = `${bar} ${position}/${total} ${(fraction * 100).toFixed(0)}% acc ${accuracyText(accuracy)} ${etaText(fraction, etaSeconds)} ${label}`;
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
      } else if (now - lastPlain >= quietInterval) {
        lastPlain = now;
        stream.write(
          `  ${label}: ${(fraction * 100).toFixed(0)}%, acc ${accuracyText(accuracy)}, ${etaText(fraction, etaSeconds)}\n`,
        );
      }
    },
    finishCell(summary) {
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
