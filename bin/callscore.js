#!/usr/bin/env node
// Entry point of the callscore command: registers tsx so the TypeScript
// sources run without a build step, then starts the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
