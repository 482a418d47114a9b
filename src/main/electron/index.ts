// The Electron main entry: everything is in main.ts (so tests can run it with a fake Electron).
import { runShell } from './main';

runShell();
