#!/usr/bin/env node
// Installed entry point: runs the built CLI (dist/ is built by `npm ci` through the `prepare` script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
