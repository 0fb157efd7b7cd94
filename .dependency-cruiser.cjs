// The layer rules (issue 13; docs/style.md "How that looks here"): core ← data ← worker ←
// system ← ui, protocol files that import only core, no import cycles. Run by `npm run layers`
// (scripts/layers.ts, part of `npm test`). `npx depcruise src` reads these rules too, but misses
// type-only imports in .svelte files (scripts/layers.ts says why): check with `npm run layers`.
//
// Type-only imports count: a type names the module it comes from just as a value does
// (tsPreCompilationDeps). Test files (`*.test.ts`) keep every rule; only src/testing/, the
// in-process engine the tests run on, may reach across all layers, and only tests may import it.

/** The files that define a thread boundary: the message shapes both sides agree on (comlink style). */
const PROTOCOL_FILES = [
  'src/core/control-block.ts',
  'src/worker/coordinator-api.ts',
  'src/worker/gate-latency-lab-protocol.ts',
  'src/data/data-worker-api.ts',
  'src/data/import-worker-api.ts',
];

const pathsOf = (files) => `^(${files.map((f) => f.replace(/[.]/g, '[.]')).join('|')})$`;

/** The layers, one row each: a file in `from` may not import from `mayNot` (core ← data ← worker ← system ← ui). */
const LAYERS = [
  ['core-imports-no-layer', 'core', 'data|worker|system|ui|shipping|testing', 'core is pure TypeScript that every layer and thread may use: it imports no other layer.'],
  ['data-imports-only-core', 'data', 'worker|system|ui', 'data (sql.js, IndexedDB, import) sits on core alone: it never reaches up to worker, system or ui.'],
  ['worker-not-to-system-or-ui', 'worker', 'system|ui', 'The coordinator side never reaches up to the system layer or the page.'],
  ['system-not-to-ui', 'system', 'ui', 'The system layer serves the page and never imports it.'],
  ['ui-not-to-data-or-worker', 'ui', 'data|worker', 'The UI reaches storage, import and the workers through the system layer, never data/ or worker/ directly.'],
];

const layerRule = ([name, from, mayNot, comment]) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: `^src/(${mayNot})/` },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYERS.map(layerRule),
    {
      name: 'protocol-imports-only-core',
      comment: 'A thread boundary (worker API, control block) is types both sides share: it may import core only.',
      severity: 'error',
      from: { path: pathsOf(PROTOCOL_FILES) },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'testing-only-from-tests',
      comment: "src/testing/ builds the engine in-process for tests: shipped code never imports it.",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/testing/', '[.]test[.]ts$'] },
      to: { path: '^src/testing/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles: each file can be read after the files it imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves, so a rule can never pass only because an import was not understood.',
      severity: 'error',
      from: {},
      // Vite's asset imports (`…wasm?url`) are files the bundler serves, not modules.
      to: { couldNotResolve: true, pathNot: '[?]url$' },
    },
  ],
  options: {
    // Only src/ is checked: what lies outside it (npm packages) is a leaf, never followed. Not
    // `includeOnly`, which would hide an import that resolves to nothing.
    doNotFollow: { path: '^(?!src/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve as Vite does (package.json `exports`, ESM first), so npm imports resolve too.
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.svelte'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'browser', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
