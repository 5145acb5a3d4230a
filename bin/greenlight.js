#!/usr/bin/env node
// The published CLI runs the bundled build: Node does not strip types from files
// under node_modules, so an installed greenlight cannot run src/ directly.
import '../dist/cli.js';
