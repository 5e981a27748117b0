/**
 * The layout rule of docs/architecture.md, checked by `npm run lint:layout` (part of `npm run
 * check`): infrastructure (src/plugins) and domains (src/modules) meet only at a module's public
 * entry, domains never reach into infrastructure, and nothing imports in a circle.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle: two files that need each other at run time cannot be loaded, read or tested apart. A type-only import back (an interface and its implementation) is not a cycle at run time.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'module-imports-plugin',
      severity: 'error',
      comment: 'A domain module must not import infrastructure plugins; plugins hand it what it needs.',
      from: { path: '^src/modules/' },
      to: { path: '^src/plugins/' },
    },
    {
      name: 'plugin-imports-module-internals',
      severity: 'error',
      comment:
        "A plugin reaches a module only through the modules' public entry (src/modules/index.ts) or a module's types.",
      from: { path: '^src/plugins/' },
      to: { path: '^src/modules/[^/]+/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'infrastructure-imports-module',
      severity: 'error',
      comment:
        'realtime/, db/, search/ and outbox/ are infrastructure: they may name a module type, never call one.',
      from: { path: '^src/(realtime|db/schema|outbox|search)/' },
      to: { path: '^src/modules/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
