// The command registry: `vfm COMMAND` looks commands up here, in this order for --help.

import type { Command } from '../command.js';
import { asmCommand } from './asm.js';
import { compileCommand } from './compile.js';
import { disCommand } from './dis.js';
import { runCommand } from './run.js';
import { verifyCommand } from './verify.js';

export const COMMANDS: readonly Command[] = [asmCommand, disCommand, verifyCommand, runCommand, compileCommand] as unknown as readonly Command[];
