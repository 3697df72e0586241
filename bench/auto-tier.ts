// Which tiers work in this process and which one `auto` takes: run by bench/goals-tiers.ts
// under node flags such as --jitless or --disallow-code-generation-from-strings.
// Prints {"auto": TIER, "available": [TIER...]}.

import { assemble } from '../src/asm/assemble.js';
import { createFilter, detectTiers } from '../src/tiers/select.js';
import { verifyProgram } from '../src/verify/verify.js';

const program = verifyProgram(assemble('PUSH 1\nRET', 'accept.vfm').bytes);
const available = detectTiers().filter((t) => t.available).map((t) => t.tier);
process.stdout.write(JSON.stringify({ auto: createFilter(program).tier, available }) + '\n');
