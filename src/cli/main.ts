#!/usr/bin/env node
// The `loyalty-engine` command (package.json `bin`): see docs/simulation.md, "Command line".
import { run } from './run.js';

void run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
