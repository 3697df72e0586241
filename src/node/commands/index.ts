// The command registry: `vfm COMMAND` looks commands up here, in this order for --help.

import type { Command } from '../command.js';
import { asmCommand } from './asm.js';
import { compileCommand } from './compile.js';
import { demoCommand } from './demo.js';
import { disCommand } from './dis.js';
import { filterCommand } from './filter.js';
import { runCommand } from './run.js';
import { testCommand } from './test.js';
import { verifyCommand } from './verify.js';
import { lispCommand } from './lisp.js';
import { completionCommand } from './completion.js';
import { showCommand } from './show.js';

export const COMMANDS: readonly Command[] = [asmCommand, disCommand, lispCommand, verifyCommand, runCommand, testCommand, filterCommand, showCommand, compileCommand, demoCommand, completionCommand] as unknown as readonly Command[];
