import { presets } from '../../configs/index';
import { configKeys } from '../config/config-schema';

export function helpText(): string {
  return `zerosiam-bench — run the ZeroSiam.js experiments

Usage: pnpm bench <command> [preset | files...] [--flags] [--group.key=value ...]

Commands
  <preset>              the preset's grid, then its report (e.g. pnpm bench quick)
  run <preset>          one method × model × scenario (over the preset's corruptions and seeds)
  grid <preset|file>    every cell of a preset or JSON config; resumes, --shard=i/n
  report <files|dirs>   merge result files (dedup by cell key) → Markdown/CSV tables, SVG+PNG plots
  select-rates <files>  pick each method's learning rates from \`tune\` results (validation corruptions
                        only) → apps/bench/configs/tuned-rates.json, read when method.baseLearningRate=tuned
  train                 train a source model on Fashion-MNIST (checkpoints, --resume)
  corruptions           render the corruption contact sheet to PNG or SVG
  perf                  TTA step cost per method/batch/backend, --vs-torch, --soak (perf --help)
  presets               list the presets

Flags
  --json                machine-readable output on stdout (progress stays on stderr)
  --shard=i/n           run/grid: only cells at positions ≡ i−1 (mod n)
  --force               run/grid: re-run cells already in the output file
  --out=DIR             report: output folder (default: the records' reportDir)
  --markdown=FILE       report: write the Markdown report to FILE instead of <out>/report.md,
                        its plot links relative to FILE (e.g. docs/results.md)
  --no-png              report: skip the PNG copies of the plots
  --size-in-title       report: name each group's stream size in its heading and file names
                        (by default only when the files ran one preset at several sizes)
  --out=FILE            select-rates: the tuned-rates file (default apps/bench/configs/tuned-rates.json)
  --markdown=FILE       select-rates: the candidates table (default <reportDir>/tuned-rates.md)
  --dry-run             run/grid: list the cells done and to run against the output file, run nothing;
                        select-rates: print the table, write nothing
  --allow-fresh-weights run/grid: allow weights=fresh with zoo models (smoke tests only)
  --dawn-backend=NAME   run/grid/perf/train with --backend=webgpu in Node: Dawn backend (vulkan, opengles, ...)
  --wasm-kernels=simd|stock  run/grid on wasm: stock keeps tfjs' own BatchMatMul and depthwise conv
                        (records say which in software.wasmSimdKernels; not part of the cell key)
  --workers=N           run/grid: N worker processes, one shard each (preset shorthand: min(2, cores))

Train flags
  --model=ID --epochs=N --batch-size=N --learning-rate=X --optimizer=adam|sgd --seed=N
  --warmup-steps=N (linear warm-up before the cosine decay)  --weight-decay=X (AdamW / SGD decay)
  --threads=N (experimental wasm threads; batch ≥ 16 on idle cores only)
  --crop-padding=N (random crop after N px of zero padding; default 2, 0 = off)  --horizontal-flip
  --backend=auto|wasm|cpu|webgpu|tfjs-node|tfjs-node-gpu (default auto: wasm; webgpu takes --dawn-backend)
  --checkpoint-dir=DIR (default results/train/<model>)  --checkpoint-every=STEPS (default: each epoch)
  --resume (continue exactly from the checkpoint)  --overwrite-checkpoint (start over, replacing it)
  --out=FILE (default packages/models/weights/<model>.safetensors)
  --init-from=FILE (warm restart from finished weights of the same model; the card records the chain)

Config overrides (typed; unknown keys and wrong types are errors):
  ${configKeys.join('\n  ')}

Presets: ${Object.keys(presets).join(', ')}
See docs/bench.md for everything.
`;
}
