#!/usr/bin/env node
// The installed CLI runs the bundled build (dist/cli.js): Node does not strip types from
// files under node_modules, so an installed greenlight cannot run src/ directly. The
// bundle's entry checks the Node version before anything else loads; this file must
// stay plain enough to parse on any Node that can print that line.
import module from 'node:module';

// Node's on-disk compile cache (Node >= 22.1; a no-op before): later starts skip
// compiling the bundle (docs/distribution.md, "Start-up").
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
await import('../dist/cli.js');
