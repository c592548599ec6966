import { presets } from '../configs/index';
import { shellCommand } from './cli/shell-command';
import { reproducingTrainArguments } from './commands/reproducing-train-arguments';
import { helpText } from './cli/help-text';
import { createProgress } from './cli/progress';
import { checkDawnBackend, checkWasmKernels, selectBenchBackend } from './cli/select-bench-backend';
import { corruptionsCommand, corruptionsFlags } from './commands/corruptions-command';
import { checkSingleRun, runGrid } from './commands/run-grid';
import { runWorkers } from './commands/run-workers';
import { formatGridPlan, gridPlanJson } from './grid/format-grid-plan';
import { planGrid } from './grid/plan-grid';
import { selectRatesCommand, selectRatesFlags } from './commands/select-rates-command';
import { trainCommand, trainFlags, trainThreads } from './commands/train-command';
import { ConfigError } from './config/config-error';
import { loadPreset } from './config/load-preset';
import { parseArguments } from './config/parse-arguments';
import { resolveConfig } from './config/resolve-config';
import { expandCells } from './grid/cell';
import { parseShard } from './grid/shard';
import { runPerf } from './perf/perf-command';
import { buildReport } from './report/build-report';
import { assetPrefixFor, collectResultFiles, loadMergedResults, writeReport } from './report/write-report';
import { learningRateLog } from './run/learning-rate-log';
import { readTunedRates } from './tune/tuned-rates';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';

const gridFlags = [
  'json',
  'shard',
  'force',
  'allow-fresh-weights',
  'workers',
  'dawn-backend',
  'wasm-kernels',
  'dry-run',
  'help',
];
const reportFlags = ['json', 'out', 'markdown', 'no-png', 'title', 'size-in-title', 'help'];

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0];
  const commandLine = shellCommand(argv);
  const progress = createProgress(process.stderr);
  const print = (value: unknown) =>
    process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      print(helpText());
      return command === undefined ? 1 : 0;
    }
    // `--help` anywhere prints help and does nothing else: `train --help` must never start a training run.
    if (command !== 'perf' && argv.some((word) => word === '--help' || word === '-h')) {
      print(helpText());
      return 0;
    }
    if (Object.hasOwn(presets, command)) {
      // `pnpm bench quick`: the preset's grid, then its report.
      // The shorthand uses up to 2 worker processes by default (wasm is single-threaded).
      const workers = argv.some((word) => word.startsWith('--workers'))
        ? []
        : [`--workers=${Math.min(2, availableParallelism())}`];
      const gridCode = await main(['grid', ...argv, ...workers]);
      if (gridCode === 2 || argv.includes('--dry-run')) return gridCode; // a plan has nothing to report
      const { name, preset } = loadPreset(command);
      const args = parseArguments(['grid', ...argv], gridFlags);
      const config = resolveConfig(name, preset, args.overrides);
      // Report whatever finished, even when some cells failed.
      const reportCode = await main(['report', config.output, `--out=${config.reportDir}`]);
      return Math.max(gridCode, reportCode);
    }
    if (command === 'presets') {
      for (const [name, preset] of Object.entries(presets)) print(`${name.padEnd(22)} ${preset.description}`);
      return 0;
    }
    if (command === 'run' || command === 'grid') {
      const args = parseArguments(argv, gridFlags);
      if (args.flags.has('help')) {
        print(helpText());
        return 0;
      }
      const { name, preset } = loadPreset(args.positionals[0]);
      const config = resolveConfig(name, preset, args.overrides);
      if (command === 'run') checkSingleRun(config);
      if (
        config.weights === 'fresh' &&
        config.models.some((m) => !m.startsWith('tiny-')) &&
        !args.flags.has('allow-fresh-weights')
      ) {
        throw new ConfigError(
          'weights=fresh with a zoo model gives meaningless accuracies; pass --allow-fresh-weights to do it anyway (smoke tests).',
        );
      }
      const json = args.flags.has('json');
      const dawnBackend = checkDawnBackend(args.flags.get('dawn-backend'));
      const simdKernels = checkWasmKernels(args.flags.get('wasm-kernels'), config.backend);
      const shardFlag = args.flags.get('shard');
      const shard =
        typeof shardFlag === 'string'
          ? parseShard(shardFlag)
          : shardFlag === true
            ? parseShard('')
            : undefined;
      const workersFlag = args.flags.get('workers');
      const workers = workersFlag === undefined ? 1 : Number(workersFlag);
      if (!Number.isInteger(workers) || workers < 1)
        throw new ConfigError(`--workers must be a positive integer, but received '${String(workersFlag)}'.`);
      if (workers > 1 && shard)
        throw new ConfigError(
          '--workers and --shard cannot be combined: each worker already runs one shard.',
        );
      // The resolved config and its seeds, before any work (stored again with every result).
      progress.log(`resolved config (${name}):\n${JSON.stringify(config, null, 2)}`);
      progress.log(
        `seeds: ${config.seeds.join(', ')} (each cell uses its seed for stream order, corruption noise, subset and method)`,
      );
      const tuned = readTunedRates();
      for (const line of await learningRateLog(config, expandCells(config, tuned), tuned)) progress.log(line);
      if (args.flags.has('dry-run')) {
        // The plan only: no backend, no data, nothing written. With --workers the whole grid is
        // shown (each worker takes one shard of it); --shard shows that shard.
        const force = args.flags.has('force');
        const plan = await planGrid(config, { ...(shard ? { shard } : {}), force });
        print(
          json
            ? gridPlanJson(plan, force)
            : formatGridPlan(plan, { output: config.output, ...(shard ? { shard } : {}), force }),
        );
        return 0;
      }
      if (workers > 1) {
        progress.log(
          `running ${workers} worker processes (shards 1/${workers} … ${workers}/${workers}) into ${config.output}`,
        );
        const code = await runWorkers(
          argv.filter((word) => !word.startsWith('--workers')),
          workers,
          progress,
        );
        progress.log(
          code === 0
            ? `all workers done; results in ${config.output}`
            : `a worker failed (exit ${code}); re-run to retry its cells`,
        );
        return code;
      }
      const backend = await selectBenchBackend(config.backend, (line) => progress.log(line), {
        ...(dawnBackend !== undefined ? { dawnBackend } : {}),
        ...(simdKernels !== undefined ? { simdKernels } : {}),
      });
      const summary = await runGrid({
        config,
        ...(shard ? { shard } : {}),
        command: commandLine,
        backend,
        progress,
        force: args.flags.has('force'),
        ...(json
          ? {
              onRecord: (record) =>
                print({
                  key: record.key,
                  cell: record.cell,
                  accuracy: record.accuracy,
                  seeds: record.seeds,
                  methodOptions: record.methodOptions,
                  online: { ...record.online, series: undefined },
                }),
            }
          : {}),
      });
      progress.log(
        `${summary.ran} cells run, ${summary.skipped} skipped, ${summary.planned} planned${shard ? ` (shard ${shard.index}/${shard.count})` : ''}; results in ${config.output}`,
      );
      if (summary.failed.length > 0) {
        progress.log(
          `${summary.failed.length} cells FAILED (not written; a re-run retries them):\n  ${summary.failed.join('\n  ')}`,
        );
        return 1;
      }
      return 0;
    }
    if (command === 'report') {
      const args = parseArguments(argv, reportFlags);
      if (args.overrides.length > 0)
        throw new ConfigError(`'report' takes no config overrides (got --${args.overrides[0]!.key}=...).`);
      if (args.positionals.length === 0)
        throw new ConfigError(
          "'report' needs result files or folders, e.g. pnpm bench report results/quick.jsonl",
        );
      const records = loadMergedResults(collectResultFiles(args.positionals), (line) => progress.log(line));
      if (records.length === 0)
        throw new ConfigError(`No result records found in ${args.positionals.join(', ')}.`);
      const title = args.flags.get('title');
      const outFlag = args.flags.get('out');
      const out = typeof outFlag === 'string' ? outFlag : records[0]!.config.reportDir;
      const markdown = args.flags.get('markdown');
      // With --markdown the page lives at that file only, its plot links relative to it.
      const report = buildReport(records, {
        ...(typeof title === 'string' ? { title } : {}),
        sizeInTitle: args.flags.has('size-in-title'),
        ...(typeof markdown === 'string' ? { assetPrefix: assetPrefixFor(markdown, out) } : {}),
      });
      const written = writeReport(report, out, {
        png: !args.flags.has('no-png'),
        markdown: typeof markdown !== 'string',
      });
      if (typeof markdown === 'string') {
        mkdirSync(dirname(markdown), { recursive: true });
        writeFileSync(markdown, report.markdown);
        written.push(markdown);
      }
      if (args.flags.has('json')) print({ records: records.length, written, csv: report.csv });
      else progress.log(`${records.length} cells → ${written.length} files in ${out}`);
      return 0;
    }
    if (command === 'select-rates') {
      const args = parseArguments(argv, selectRatesFlags);
      if (args.flags.has('help')) {
        print(helpText());
        return 0;
      }
      if (args.overrides.length > 0)
        throw new ConfigError(
          `Unknown select-rates flag '--${args.overrides[0]!.key}'. Flags: ${selectRatesFlags.map((f) => `--${f}`).join(', ')}.`,
        );
      const result = await selectRatesCommand(args.positionals, args.flags, {
        command: commandLine,
        progress,
      });
      if (args.flags.has('json')) print({ tunedRates: result.tunedRates, written: result.written });
      else {
        print(result.markdown);
        progress.log(
          result.written.length > 0
            ? `wrote ${result.written.join(' and ')}; commit the tuned-rates file so every preset uses it`
            : 'dry run: nothing written',
        );
      }
      return 0;
    }
    if (command === 'train') {
      const args = parseArguments(argv, trainFlags);
      if (args.overrides.length > 0)
        throw new ConfigError(
          `Unknown train flag '--${args.overrides[0]!.key}'. Train flags: ${trainFlags.map((f) => `--${f}`).join(', ')}.`,
        );
      const threads = trainThreads(args.flags);
      const dawnBackend = checkDawnBackend(args.flags.get('dawn-backend'));
      const backend = await selectBenchBackend(
        String(args.flags.get('backend') ?? 'auto'),
        (line) => progress.log(line),
        {
          ...(threads !== undefined ? { threads } : {}),
          ...(dawnBackend !== undefined ? { dawnBackend } : {}),
        },
      );
      const cardCommand = shellCommand(reproducingTrainArguments(argv));
      const result = await trainCommand(args.flags, { command: cardCommand, progress, backend });
      if (args.flags.has('json')) print(result);
      return result.completed ? 0 : 1;
    }
    if (command === 'corruptions') {
      const args = parseArguments(argv, corruptionsFlags);
      if (args.overrides.length > 0)
        throw new ConfigError(
          `Unknown corruptions flag '--${args.overrides[0]!.key}'. Flags: ${corruptionsFlags.map((f) => `--${f}`).join(', ')}.`,
        );
      const result = await corruptionsCommand(args.flags);
      if (args.flags.has('json')) print(result);
      else progress.log(`wrote ${result.out}`);
      return 0;
    }
    if (command === 'perf') return await runPerf(argv);
    throw new ConfigError(
      `Unknown command '${command}'. Commands: run, grid, report, select-rates, train, corruptions, perf, presets, help.`,
    );
  } catch (error) {
    progress.done();
    if (error instanceof ConfigError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
