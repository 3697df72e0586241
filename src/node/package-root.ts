// Where the package's own files are (package.json, examples/): three levels above this module
// (dist/src/node/). The CLI bundle (scripts/bundle-cli.ts) lies in the same directory, so the
// path holds in both; modules elsewhere take it from here instead of counting levels themselves.

import { fileURLToPath } from 'node:url';

/** The package root directory, with a trailing separator. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
