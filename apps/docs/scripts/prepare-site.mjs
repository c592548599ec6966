// Generates everything the site needs besides the Markdown in docs/:
//   1. the API reference (TypeDoc + typedoc-plugin-markdown) for every public package → apps/docs/api/
//   2. public/generated/: the tfjs wasm binaries, the shipped model weights and the Fashion-MNIST test split,
//      so the in-browser demo fetches them from the site itself.
// Runs before `vitepress dev|build`; every output is gitignored.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(appRoot, '../..');
const generated = join(appRoot, 'public/generated');
const require = createRequire(import.meta.url);
const skipApi = process.argv.includes('--skip-api');

/** Public workspace packages: every packages/* whose package.json is not private. */
export function publicPackages() {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir)
    .filter((name) => existsSync(join(packagesDir, name, 'package.json')))
    .map((name) => ({
      folder: join(packagesDir, name),
      manifest: readJson(join(packagesDir, name, 'package.json')),
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

async function generateApiReference() {
  const { Application } = await import('typedoc');
  const out = join(appRoot, 'api');
  rmSync(out, { recursive: true, force: true });
  const packages = publicPackages();
  const app = await Application.bootstrapWithPlugins({
    name: 'ZeroSiam.js API',
    entryPointStrategy: 'packages',
    entryPoints: packages.map(({ folder }) => folder),
    // Each package documents its hand-written barrel, read from source with its own tsconfig (which resolves
    // sibling packages to their sources through the `@zerosiam/source` condition), so no prior build is needed.
    packageOptions: {
      // The main barrel, plus the Node-only entry (`<package>/node`) where a package has one.
      entryPoints: ['src/index.ts', 'src/node.ts'],
      excludePrivate: true,
      excludeInternal: true,
      disableSources: true,
      // Type errors are each package's own typecheck task to report; a package mid-change must not break the site.
      skipErrorChecking: true,
    },
    skipErrorChecking: true,
    plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
    out,
    docsRoot: appRoot,
    readme: 'none',
    entryFileName: 'index',
    hidePageHeader: true,
    hideBreadcrumbs: false,
    useCodeBlocks: true,
    excludeScopesInPaths: true,
    excludeExternals: true,
    githubPages: false,
    disableSources: true,
    // Packages still being written export nothing yet; that is a warning, not a failed docs build.
    treatWarningsAsErrors: false,
    // Warnings (a package without a Node entry, a type referenced but not exported) are expected; errors fail.
    logLevel: 'Error',
    sidebar: { autoConfiguration: true, collapsed: true, pretty: true },
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see the errors above).');
  await app.generateOutputs(project);
  if (app.logger.hasErrors()) throw new Error('TypeDoc reported errors (see above).');
  relinkCopiedDocsPages(out);
  writeApiIndexIfMissing(out, packages);
  console.info(`[docs] API reference for ${packages.length} packages → ${out}`);
}

/**
 * A package README that links to a page in docs/ (`../../docs/concepts/x.md`) makes TypeDoc copy that page into
 * api/_media/, where its own relative links break. Point such links at the site's page instead and drop the copy.
 */
function relinkCopiedDocsPages(out) {
  const media = join(out, '_media');
  if (!existsSync(media)) return;
  const docsRoot = join(repoRoot, 'docs');
  const docsPages = new Map();
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) docsPages.set(readFileSync(path, 'utf8'), path);
    }
  };
  walk(docsRoot);
  const replacements = new Map();
  for (const file of readdirSync(media).filter((name) => name.endsWith('.md'))) {
    const original = docsPages.get(readFileSync(join(media, file), 'utf8'));
    if (!original) continue;
    const sitePath = `/${relative(docsRoot, original).replace(/\\/g, '/').replace(/\.md$/, '')}`;
    replacements.set(file, sitePath);
    rmSync(join(media, file));
  }
  if (replacements.size === 0) return;
  const rewrite = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) rewrite(path);
      else if (entry.name.endsWith('.md')) {
        const text = readFileSync(path, 'utf8');
        const next = text.replace(
          /\]\(((?:\.\.\/)*_media\/([^)#]+\.md))(#[^)]*)?\)/g,
          (match, _link, file, hash) =>
            replacements.has(file) ? `](${replacements.get(file)}${hash ?? ''})` : match,
        );
        if (next !== text) writeFileSync(path, next);
      }
    }
  };
  rewrite(out);
}

/** TypeDoc writes index.md only when it has a project page; make sure /api/ always resolves. */
function writeApiIndexIfMissing(out, packages) {
  const index = join(out, 'index.md');
  if (existsSync(index)) return;
  const lines = ['# API reference', '', 'Generated from the TypeScript sources with TypeDoc.', ''];
  for (const { manifest } of packages) lines.push(`- \`${manifest.name}\` — ${manifest.description ?? ''}`);
  writeFileSync(index, `${lines.join('\n')}\n`);
}

function copyDemoAssets() {
  rmSync(generated, { recursive: true, force: true });

  // 1. tfjs wasm binaries; the demo calls setWasmPaths(`${base}generated/wasm/`).
  const wasmDist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const wasmOut = join(generated, 'wasm');
  mkdirSync(wasmOut, { recursive: true });
  for (const file of readdirSync(join(wasmDist, 'dist')).filter((name) => name.endsWith('.wasm'))) {
    copyFileSync(join(wasmDist, 'dist', file), join(wasmOut, file));
  }

  // 2. Shipped source-model weights (safetensors + model card), when the models package has trained some.
  const weightsDir = join(repoRoot, 'packages/models/weights');
  const modelsOut = join(generated, 'models');
  mkdirSync(modelsOut, { recursive: true });
  const models = [];
  if (existsSync(weightsDir)) {
    for (const file of readdirSync(weightsDir).filter((name) => name.endsWith('.safetensors'))) {
      const id = file.slice(0, -'.safetensors'.length);
      const card = join(weightsDir, `${id}.json`);
      copyFileSync(join(weightsDir, file), join(modelsOut, file));
      if (existsSync(card)) copyFileSync(card, join(modelsOut, `${id}.json`));
      models.push({ id, weights: `models/${file}`, card: existsSync(card) ? `models/${id}.json` : null });
    }
  }

  // 3. The Fashion-MNIST test split kept in the streams package (IDX, gzip).
  const dataDir = join(repoRoot, 'packages/streams/data/fashion-mnist');
  const dataOut = join(generated, 'data/fashion-mnist');
  mkdirSync(dataOut, { recursive: true });
  const data = [];
  if (existsSync(dataDir)) {
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith('t10k-'))) {
      copyFileSync(join(dataDir, file), join(dataOut, file));
      data.push(`data/fashion-mnist/${file}`);
    }
  }

  writeFileSync(join(generated, 'manifest.json'), `${JSON.stringify({ models, data }, null, 2)}\n`);
  console.info(`[docs] demo assets: ${models.length} model(s), ${data.length} data file(s) → ${generated}`);
}

if (!skipApi) await generateApiReference();
copyDemoAssets();
