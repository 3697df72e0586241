// The command registry: `vfm COMMAND` looks commands up here, in this order for --help.

import type { Command } from '../command.js';
import { runCommand } from './run.js';
import { verifyCommand } from './verify.js';

export const COMMANDS: readonly Command[] = [verifyCommand, runCommand] as unknown as readonly Command[];
