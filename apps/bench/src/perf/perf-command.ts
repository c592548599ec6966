import { spawn, spawnSync } from 'node:child_process';
import { shellCommand } from '../cli/shell-command';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/config-error';
import { parseArguments } from '../config/parse-arguments';
import { formatPerfReport, type TorchCell } from './format-perf-report';
import { checkDawnBackend } from '../cli/select-bench-backend';
import { perfLearningRate } from './perf-learning-rate';
import type { PerfWorkerResult, PerfWorkerSpec } from './perf-worker';
import { runPerfWorker } from './perf-worker';

export const perfFlags = [
  'model',
  'method',
  'batch',
  'backend',
  'threads',
  'wasm-kernels',
  'dawn-backend',
  'steps',
  'warmup',
  'input',
  'classes',
  'seed',
  'json',
  'vs-torch',
  'profile',
  'soak',
  'soak-every',
  'python',
  'torch-device',
  'worker',
  'help',
];

const allMethods = ['source', 'tent', 'eata', 'sar', 'deyo', 'zerosiam'];

export const perfHelp = `zerosiam-bench perf — TTA step cost per method, model, batch and backend

Usage: pnpm bench perf [--model=resnet20-gn] [--method=tent,zerosiam] [--batch=1,16,64]
                       [--backend=wasm,cpu] [--threads=1,2] [--steps=10] [--warmup=2]
                       [--vs-torch] [--profile] [--soak=10000 --soak-every=500] [--json]

  --model     zoo model ids (default resnet20-gn); --input=32x32x3, --classes=10, --seed=0
  --method    source,tent,eata,sar,deyo,zerosiam (default: all six)
  --batch     batch sizes (default 1,16,64)
  --backend   wasm (default), cpu, webgpu, tfjs-node, tfjs-node-gpu; each backend × thread
              count runs in its own child process
  --threads   wasm XNNPACK threads (experimental, opt-in; default 1)
  --wasm-kernels  simd (default), stock or simd,stock: wasm's batched / transposed BatchMatMul
              and stride-1 depthwise convs on the SIMD kernels or on tfjs' own; each in its own
              child process
  --dawn-backend  Dawn backend for webgpu in Node: vulkan (Linux default), opengles (Mesa
              llvmpipe on a GPU-less box, with libegl1 libgles2 libegl-mesa0), ...
  --steps     timed steps after --warmup untimed ones; median, p10 and p90 are reported
  --vs-torch  the identical model (weights through a .safetensors file), images, batch, thread
              count and method step in PyTorch (/usr/bin/python3 or --python=PATH); ours/PyTorch
  --torch-device  PyTorch device for --vs-torch (default cpu; cuda on a GPU machine)
  --profile   kernel breakdown of one step (tf.profile; torch.profiler with --vs-torch)
  --soak=N    N ZeroSiam steps (default batch 8), tensor count and memory every --soak-every
  --json      machine-readable results on stdout
`;

function list(value: string | true | undefined, fallback: readonly string[]): string[] {
  if (value === undefined || value === true) return [...fallback];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function positiveIntegers(
  value: string | true | undefined,
  fallback: readonly number[],
  flag: string,
): number[] {
  const items = list(value, fallback.map(String)).map(Number);
  for (const item of items) {
    if (!Number.isInteger(item) || item < 1)
      throw new ConfigError(
        `--${flag} takes positive integers separated by commas (got '${String(value)}').`,
      );
  }
  return items;
}

/** `--wasm-kernels`: which kernels to measure on wasm (default simd). */
export function wasmKernelChoices(value: string | true | undefined): ('simd' | 'stock')[] {
  const items = list(value, ['simd']);
  for (const item of items) {
    if (item !== 'simd' && item !== 'stock')
      throw new ConfigError(
        `--wasm-kernels takes simd, stock or simd,stock (got '${String(value)}'); stock measures tfjs' own BatchMatMul and depthwise conv for comparison.`,
      );
  }
  return [...new Set(items)] as ('simd' | 'stock')[];
}

function parseInput(value: string | true | undefined): [number, number, number] {
  const text = typeof value === 'string' ? value : '32x32x3';
  const parts = text.split('x').map(Number);
  if (parts.length !== 3 || !parts.every((part) => Number.isInteger(part) && part > 0))
    throw new ConfigError(`--input takes HxWxC, e.g. 32x32x3 (got '${text}').`);
  return parts as [number, number, number];
}

/** Machine and load, printed beside every number (the bench machine is shared). */
export function describeMachine(): { cpus: number; cpuModel: string; loadAverage: number[]; date: string } {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    date: new Date().toISOString(),
  };
}

/** Runs one backend configuration in a child process (tfjs backend setup is per process). */
function runChild(spec: PerfWorkerSpec, json: boolean): Promise<PerfWorkerResult> {
  const cli = process.argv[1] ?? join(dirname(fileURLToPath(import.meta.url)), 'cli.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'perf', `--worker=${JSON.stringify(spec)}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!json || spec.soak) process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as PerfWorkerResult);
      } catch {
        resolve({
          backend: spec.backend,
          backendDescription: spec.backend,
          threads: spec.threads ?? 1,
          cells: [],
          error: `child exited with code ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
        });
      }
    });
  });
}

/** Whether `python -c 'import torch'` works; the version when it does. */
function torchVersion(python: string): string | undefined {
  const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function runTorch(
  python: string,
  results: readonly PerfWorkerResult[],
  options: { steps: number; warmup: number; profile: boolean; classes: number; device: string },
  log: (line: string) => void,
): TorchCell[] {
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'torch', 'perf_step.py');
  const out: TorchCell[] = [];
  // One PyTorch process per thread count, right after ours, so machine load hits both alike.
  const byThreads = new Map<number, Map<string, object>>();
  for (const result of results) {
    for (const cell of result.cells) {
      if (!cell.weightsFile) continue;
      const cells = byThreads.get(result.threads) ?? new Map<string, object>();
      cells.set(`${cell.model}|${cell.batchSize}|${cell.method}`, {
        file: cell.weightsFile,
        model: cell.model,
        method: cell.method,
        batch: cell.batchSize,
        classes: options.classes,
        lr: perfLearningRate(cell.method, cell.batchSize),
      });
      byThreads.set(result.threads, cells);
    }
  }
  for (const [threads, cells] of byThreads) {
    log(`[perf] PyTorch, ${threads} thread(s): ${cells.size} cells`);
    const spec = {
      threads,
      device: options.device,
      steps: options.steps,
      warmup: options.warmup,
      profile: options.profile,
      cells: [...cells.values()],
    };
    const run = spawnSync(python, [script, JSON.stringify(spec)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) },
    });
    if (run.status !== 0) {
      log(
        `[perf] PyTorch failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`,
      );
      continue;
    }
    for (const line of run.stdout.trim().split('\n')) {
      if (line.startsWith('{')) out.push(JSON.parse(line) as TorchCell);
    }
  }
  return out;
}

const booleanFlags = new Set(['json', 'vs-torch', 'profile', 'help']);

/** Accepts `--batch 64` as well as `--batch=64` (the value-taking perf flags). */
function joinFlagValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const name = word.startsWith('--') && !word.includes('=') ? word.slice(2) : undefined;
    const next = argv[i + 1];
    if (
      name &&
      perfFlags.includes(name) &&
      !booleanFlags.has(name) &&
      next !== undefined &&
      !next.startsWith('--')
    ) {
      out.push(`${word}=${next}`);
      i++;
    } else {
      out.push(word);
    }
  }
  return out;
}

/** `zerosiam-bench perf`: returns the exit code. */
export async function runPerf(argv: readonly string[]): Promise<number> {
  const args = parseArguments(joinFlagValues(argv), perfFlags);
  if (args.overrides.length > 0)
    throw new ConfigError(
      `Unknown perf flag '--${args.overrides[0]!.key}'. Flags: ${perfFlags
        .filter((f) => f !== 'worker')
        .map((f) => `--${f}`)
        .join(', ')}.`,
    );
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const worker = args.flags.get('worker');
  if (typeof worker === 'string') {
    const spec = JSON.parse(worker) as PerfWorkerSpec;
    let result: PerfWorkerResult;
    try {
      result = await runPerfWorker(spec, log, (record) =>
        log(
          `[soak] step ${record.step}: ${record.numTensors} tensors, ${(record.numBytes / 2 ** 20).toFixed(2)} MiB tensors, RSS ${(record.rssBytes / 2 ** 20).toFixed(1)} MiB, JS heap ${(record.heapUsedBytes / 2 ** 20).toFixed(1)} MiB, median ${record.medianMs} ms`,
        ),
      );
    } catch (error) {
      // The parent shows this one line (e.g. 'webgpu: no adapter'), not a stack trace.
      const message = error instanceof Error ? error.message : String(error);
      result = {
        backend: spec.backend,
        backendDescription: spec.backend,
        threads: spec.threads ?? 1,
        cells: [],
        error: message,
      };
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  if (args.flags.has('help')) {
    process.stdout.write(perfHelp);
    return 0;
  }
  const json = args.flags.has('json');
  const soakFlag = args.flags.get('soak');
  const soakSteps =
    soakFlag === undefined
      ? undefined
      : positiveIntegers(soakFlag === true ? '10000' : soakFlag, [], 'soak')[0]!;
  const methods = list(args.flags.get('method'), soakSteps ? ['zerosiam'] : allMethods);
  const models = list(args.flags.get('model'), ['resnet20-gn']);
  const batches = positiveIntegers(args.flags.get('batch'), soakSteps ? [8] : [1, 16, 64], 'batch');
  const backends = list(args.flags.get('backend'), ['wasm']);
  const threadCounts = positiveIntegers(args.flags.get('threads'), [1], 'threads');
  const kernelChoices = wasmKernelChoices(args.flags.get('wasm-kernels'));
  const dawnBackend = checkDawnBackend(args.flags.get('dawn-backend'));
  const [steps] = positiveIntegers(args.flags.get('steps'), [10], 'steps');
  const warmupFlag = args.flags.get('warmup');
  const warmup = warmupFlag === undefined ? 2 : Number(warmupFlag);
  if (!Number.isInteger(warmup) || warmup < 0) throw new ConfigError('--warmup takes an integer ≥ 0.');
  const inputShape = parseInput(args.flags.get('input'));
  const [classes] = positiveIntegers(args.flags.get('classes'), [10], 'classes');
  const seed = Number(args.flags.get('seed') ?? 0);
  const profile = args.flags.has('profile');
  const vsTorch = args.flags.has('vs-torch');
  const pythonFlag = args.flags.get('python');
  const python = typeof pythonFlag === 'string' ? pythonFlag : '/usr/bin/python3';
  const deviceFlag = args.flags.get('torch-device');
  const torchDevice = typeof deviceFlag === 'string' ? deviceFlag : 'cpu';
  const machineBefore = describeMachine();

  let torch: string | undefined;
  let torchNote: string | undefined;
  if (vsTorch) {
    torch = torchVersion(python);
    if (!torch) {
      torchNote = `PyTorch is not available (${python} -c 'import torch' failed): no PyTorch comparison, ours only.`;
      log(`[perf] ${torchNote}`);
    }
  }
  const exportDir = torch ? mkdtempSync(join(tmpdir(), 'zerosiam-perf-')) : undefined;
  try {
    const results: PerfWorkerResult[] = [];
    for (const backend of backends) {
      for (const [threads, kernels] of threadCounts.flatMap((t) =>
        (backend === 'wasm' ? kernelChoices : ['simd' as const]).map((kernel) => [t, kernel] as const),
      )) {
        const spec: PerfWorkerSpec = {
          backend,
          ...(threads !== 1 ? { threads } : {}),
          ...(kernels === 'stock' ? { simdKernels: false } : {}),
          ...(dawnBackend !== undefined ? { dawnBackend } : {}),
          models,
          methods,
          batches,
          steps: steps!,
          warmup,
          inputShape,
          numClasses: classes!,
          seed,
          profile,
          ...(exportDir ? { exportDir: join(exportDir, `${backend}-${threads}-${kernels}`) } : {}),
          ...(soakSteps
            ? {
                soak: {
                  steps: soakSteps,
                  every: Number(args.flags.get('soak-every') ?? Math.max(1, Math.round(soakSteps / 20))),
                },
              }
            : {}),
        };
        const result = await runChild(spec, json);
        if (result.error)
          log(
            `[perf] ${backend}${kernels === 'stock' ? ' (stock kernels)' : ''} × ${threads} thread(s): ${result.error}`,
          );
        results.push(result);
      }
    }
    const torchCells = torch
      ? runTorch(
          python,
          results,
          { steps: steps!, warmup, profile, classes: classes!, device: torchDevice },
          log,
        )
      : [];
    const report = formatPerfReport({
      results,
      torchCells,
      ...(torch ? { torchVersion: torch } : {}),
      ...(torchNote ? { torchNote } : {}),
      machineBefore,
      machineAfter: describeMachine(),
      command: shellCommand(argv),
    });
    process.stdout.write(json ? `${JSON.stringify(report.json)}\n` : `${report.text}\n`);
    return results.some((result) => result.error) ? 1 : 0;
  } finally {
    if (exportDir) rmSync(exportDir, { recursive: true, force: true });
  }
}
