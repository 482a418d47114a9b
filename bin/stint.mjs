#!/usr/bin/env node
// The `stint` command (package.json "bin"). The CLI is TypeScript; tsx's loader (installed by
// `npm ci`) compiles it on the fly, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main/core/cli.ts');
await runCli();
