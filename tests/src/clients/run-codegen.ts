/**
 * Runs GraphQL Code Generator's `generate()` in a process of its own, for codegen.e2e.test.ts:
 * the CLI's CommonJS build requires ES-only packages (yargs, chalk), which Node 20 loads and jest's
 * module loader does not. Usage: `node run-codegen.js '<codegen config as JSON>'`; prints the
 * written files' names as JSON, or the generator's error and exits 1.
 */
async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '');
  const { generate } = await import('@graphql-codegen/cli');
  const files = await generate(config, true);
  process.stdout.write(JSON.stringify(files.map((f: { filename: string }) => f.filename)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
