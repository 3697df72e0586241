// The command registry: `vfm COMMAND` looks commands up here, in this order for --help.

import type { Command } from '../command.js';
import { filterCommand } from './filter.js';
import { runCommand } from './run.js';
import { testCommand } from './test.js';
import { verifyCommand } from './verify.js';

export const COMMANDS: readonly Command[] = [verifyCommand, runCommand, testCommand, filterCommand] as unknown as readonly Command[];
