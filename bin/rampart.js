#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (prepare script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
