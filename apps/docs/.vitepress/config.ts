import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, type UserConfig, defineConfig } from 'vitepress';

type Plugin = Extract<NonNullable<NonNullable<UserConfig['vite']>['plugins']>[number], { name: string }>;

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(appRoot, '../..');
const docsRoot = join(repoRoot, 'docs');

// The site's source folder is the repository root, so the Markdown stays in docs/ (readable on GitHub) and the
// generated API reference stays in apps/docs/api/ (gitignored). Everything else at the root is excluded, and
// the rewrites below serve docs/x.md at /x and apps/docs/api/x.md at /api/x.
const keep: Record<string, string[]> = { '': ['docs', 'apps'], apps: ['docs'], 'apps/docs': ['api'] };
function excludedFolders(): string[] {
  const excluded: string[] = [];
  for (const [parent, kept] of Object.entries(keep)) {
    for (const entry of readdirSync(join(repoRoot, parent), { withFileTypes: true })) {
      if (kept.includes(entry.name)) continue;
      const path = parent === '' ? entry.name : `${parent}/${entry.name}`;
      excluded.push(entry.isDirectory() ? `${path}/**` : path);
    }
  }
  return excluded;
}

function rewrite(page: string): string {
  if (page.startsWith('docs/')) return page.slice('docs/'.length);
  if (page.startsWith('apps/docs/api/')) return `api/${page.slice('apps/docs/api/'.length)}`;
  return page;
}

/** Pages of one docs/ folder, for the sidebar: title from the first `# ` heading, sorted by file name. */
function folderItems(folder: string, options: { exclude?: string[] } = {}): DefaultTheme.SidebarItem[] {
  const directory = join(docsRoot, folder);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith('.md') && file !== 'index.md' && !options.exclude?.includes(file))
    .sort()
    .map((file) => ({ text: pageTitle(join(directory, file)), link: `/${folder}/${file.slice(0, -3)}` }));
}

/** Single pages that exist (other helpers add pages as the project grows; the sidebar never links a missing one). */
function pageItems(pages: Array<[text: string, path: string]>): DefaultTheme.SidebarItem[] {
  return pages
    .filter(([, path]) => existsSync(join(docsRoot, `${path}.md`)))
    .map(([text, path]) => ({ text, link: `/${path}` }));
}

function pageTitle(file: string): string {
  const heading = readFileSync(file, 'utf8').match(/^#\s+(.+)$/m);
  return heading?.[1]?.trim() ?? file.replace(/^.*\//, '').replace(/\.md$/, '');
}

function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = join(appRoot, 'api/typedoc-sidebar.json');
  if (!existsSync(file)) return [];
  const items = JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
  // typedoc-vitepress-theme links relative to apps/docs (`/api/...`), which is where the rewrite serves them.
  return items;
}

/** `repository` of the root package.json (string or { url }), as an https URL without `.git`; undefined if unset. */
function repositoryUrl(): string | undefined {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    repository?: string | { url?: string };
  };
  const raw = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!raw) return undefined;
  return raw
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/^github:/, 'https://github.com/');
}

type MarkdownIt = Parameters<NonNullable<NonNullable<UserConfig['markdown']>['config']>>[0];
interface LinkToken {
  type: string;
  tag: string;
  attrs: Array<[string, string]> | null;
  children: LinkToken[] | null;
  attrGet(name: string): string | null;
  attrSet(name: string, value: string): void;
}

/**
 * Pages link to package sources relatively (`../../packages/methods/src/eata`), which works on GitHub but is no
 * page of the site. A link that resolves to an existing file or folder of the repository outside the site's
 * pages becomes a link to the repository (root package.json `repository`), or plain text when none is set.
 * A link to a path that does not exist is left alone, so VitePress still fails the build on it.
 */
function sourceLinks(md: MarkdownIt): void {
  const repository = repositoryUrl();
  md.core.ruler.push('zerosiam-source-links', (state) => {
    const file = (state.env as { realPath?: string; path?: string }).realPath ?? state.env.path;
    if (typeof file !== 'string') return;
    for (const block of state.tokens as LinkToken[]) {
      const children = block.children ?? [];
      let open: LinkToken | undefined;
      for (const token of children) {
        if (token.type === 'link_open') open = token;
        if (token.type !== 'link_open' && token.type !== 'link_close') continue;
        if (token.type === 'link_close' && open?.attrGet('data-source-text') === '1') {
          token.type = 'html_inline';
          (token as unknown as { content: string }).content = '</span>';
          continue;
        }
        if (token.type !== 'link_open') continue;
        const href = token.attrGet('href') ?? '';
        if (/^([a-z]+:|\/|#)/i.test(href)) continue;
        const target = resolve(dirname(file), decodeURIComponent(href.replace(/[?#].*$/, '')));
        const relativeTarget = target.slice(repoRoot.length + 1);
        const insideSite = target.startsWith(docsRoot + '/') || target.startsWith(join(appRoot, 'api') + '/');
        if (insideSite || !target.startsWith(repoRoot + '/') || !existsSync(target)) continue;
        if (repository) {
          const kind = statSync(target).isDirectory() ? 'tree' : 'blob';
          token.attrSet('href', `${repository}/${kind}/HEAD/${relativeTarget}`);
        } else {
          token.type = 'html_inline';
          (token as unknown as { content: string }).content =
            `<span class="source-path" title="${relativeTarget} in the repository">`;
          token.attrSet('data-source-text', '1');
        }
      }
    }
  });
}

/**
 * Pages in docs/ live outside this package, where pnpm's isolated node_modules has no `vue` or `vitepress`.
 * Resolve their bare imports as if they were made from apps/docs.
 */
function resolveDocsImportsFromApp(): Plugin {
  const anchor = join(appRoot, 'package.json');
  return {
    name: 'docs:resolve-from-app',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.startsWith(docsRoot + '/')) return null;
      if (/^[./\0]/.test(source) || source.includes(':')) return null;
      return this.resolve(source, anchor, { ...options, skipSelf: true });
    },
  };
}

const sidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Getting started',
    items: pageItems([
      ['Install and adapt', 'getting-started'],
      ['Live demo', 'demo'],
    ]),
  },
  {
    text: 'Concepts',
    items: [...folderItems('concepts'), ...folderItems('architecture')],
  },
  { text: 'Methods', collapsed: false, items: folderItems('methods') },
  { text: 'Protocols', items: folderItems('protocols') },
  {
    text: 'Models, bench and results',
    items: pageItems([
      ['Models', 'models'],
      ['Bench', 'bench'],
      ['Performance', 'performance'],
      ['Results', 'results'],
      ['Paper presets', 'results-paper'],
      ['All shipped models', 'results-zoo'],
      ['Learning-rate tuning', 'results-tuning'],
      ['Long stream', 'results-long-stream'],
    ]),
  },
  { text: 'Contributing', collapsed: true, items: folderItems('contributing') },
  { text: 'Decisions', collapsed: true, items: folderItems('decisions') },
  { text: 'API reference', collapsed: true, link: '/api/', items: apiSidebar() },
].filter((section) => (section.items?.length ?? 0) > 0);

export default defineConfig({
  title: 'ZeroSiam.js',
  description: 'Collapse-free test-time adaptation for TensorFlow.js',
  srcDir: repoRoot,
  srcExclude: excludedFolders(),
  rewrites: rewrite,
  cleanUrls: true,
  lastUpdated: false,
  // The default: any internal link to a page that does not exist fails the build, API pages included.
  ignoreDeadLinks: false,
  markdown: { math: false, config: sourceLinks },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'Demo', link: '/demo' },
      { text: 'API', link: '/api/' },
    ],
    sidebar,
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
  vite: {
    publicDir: join(appRoot, 'public'),
    plugins: [resolveDocsImportsFromApp()],
    resolve: {
      // Import the workspace packages from their TypeScript sources: `pnpm --filter docs build` then needs no
      // prior build of the libraries, and the demo runs exactly the code in packages/*/src.
      conditions: ['@zerosiam/source'],
    },
    worker: { format: 'es' },
    server: { fs: { allow: [repoRoot] } },
    build: { chunkSizeWarningLimit: 4096 },
  },
});
