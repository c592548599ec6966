// Times the 15 benchmark corruptions at one severity on the shipped Fashion-MNIST test split
// (single thread): pnpm tsx scripts/corruption-benchmark.ts [--severity 5] [--count 10000] [--only a,b]
import { CORRUPTIONS, corrupt } from '../src/index';
import { loadFashionMnist } from '../src/node';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const severity = Number(argument('severity', '5'));
const only = argument('only', '');
const test = await loadFashionMnist({ split: 'test' });
const count = Math.min(Number(argument('count', String(test.shape[0]))), test.shape[0]);
const [, height, width, channels] = test.shape;
const images = test.images.subarray(0, count * height * width * channels);
const names = only ? only.split(',') : CORRUPTIONS;

console.log(
  `corrupting ${count} Fashion-MNIST test images (${height}×${width}×${channels}) at severity ${severity}`,
);
// Wall time suffers when the machine is shared; CPU time (user + system of this process) is the
// better estimate of what one idle core needs.
let total = 0;
let totalCpu = 0;
for (const corruption of names) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  corrupt(images, {
    corruption: corruption as (typeof CORRUPTIONS)[number],
    severity,
    shape: [count, height, width, channels],
    seed: 2021,
  });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  total += seconds;
  totalCpu += cpuSeconds;
  console.log(
    `${corruption.padEnd(18)} wall ${seconds.toFixed(2).padStart(7)} s   cpu ${cpuSeconds.toFixed(2).padStart(7)} s`,
  );
}
console.log(
  `${'total'.padEnd(18)} wall ${total.toFixed(2).padStart(7)} s   cpu ${totalCpu.toFixed(2).padStart(7)} s`,
);
