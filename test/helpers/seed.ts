// The seed of random tests: VFM_SEED from the environment, else a fixed default, printed so
// any failure can be replayed with `VFM_SEED=<seed> npm test`.

export function testSeed(name: string, fallback = 20261124): number {
  const env = process.env.VFM_SEED;
  const seed = env !== undefined && /^-?[0-9]+$/.test(env) ? Number(env) : fallback;
  process.stdout.write(`# ${name}: seed ${seed} (replay with VFM_SEED=${seed})\n`);
  return seed;
}
