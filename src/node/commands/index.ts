// The command registry: `vfm COMMAND` looks commands up here, in this order for --help.

import type { Command } from '../command.js';
import { runCommand } from './run.js';
import { verifyCommand } from './verify.js';
import { lispCommand } from './lisp.js';

export const COMMANDS: readonly Command[] = [verifyCommand, runCommand, lispCommand] as unknown as readonly Command[];
