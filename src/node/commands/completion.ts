// `vfm completion bash|zsh|fish`: print the shell completion script, generated from the
// command registry (load it with `source <(vfm completion bash)`, or see --help).

import { UsageError } from '../../diag/errors.js';
import { defineCommand } from '../command.js';
import { SHELLS, type Shell, completionScript } from '../completion.js';
import { EXIT_OK } from '../exit-codes.js';

export const completionCommand = defineCommand({
  name: 'completion',
  summary: 'print the shell completion script for bash, zsh or fish',
  usage: 'bash|zsh|fish',
  options: {},
  details: [
    'bash:  source <(vfm completion bash)       (or save it in ~/.local/share/bash-completion/completions/vfm)',
    'zsh:   vfm completion zsh > "${fpath[1]}/_vfm"   then restart zsh',
    'fish:  vfm completion fish > ~/.config/fish/completions/vfm.fish',
  ].join('\n'),
  async run(_opts, positionals, io) {
    const shell = positionals[0];
    if (positionals.length !== 1 || !(SHELLS as readonly string[]).includes(shell)) {
      throw new UsageError('ERR_USAGE', `completion takes one shell: ${SHELLS.join(', ')}; got ${positionals.length === 0 ? 'none' : `'${positionals.join(' ')}'`}`);
    }
    // The registry imports this command, so it is loaded when the script is made.
    const { COMMANDS } = await import('./index.js');
    io.stdout.write(completionScript(shell as Shell, COMMANDS));
    return EXIT_OK;
  },
});
