/**
 * The command-line grammar the file-taking CLIs share (`npm run extract`, `npm run ingest`):
 * inputs are the arguments that are not options (and `-`, and everything after `--`); an option
 * is a flag or takes a value, as `--name value` or `--name=value`; `-h`/`--help` asks for the usage.
 */
export class UsageError extends Error {}

export interface CommandLine {
  inputs: string[];
  /** the flags given */
  flags: Set<string>;
  /** the valued options given (the last one wins) */
  values: Map<string, string>;
  help: boolean;
}

export interface Grammar {
  flags?: readonly string[];
  valued: readonly string[];
}

export function parseCommandLine(argv: readonly string[], grammar: Grammar): CommandLine {
  const flags = new Set(grammar.flags ?? []);
  const valued = new Set(grammar.valued);
  const line: CommandLine = { inputs: [], flags: new Set(), values: new Map(), help: false };
  let onlyInputs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyInputs || !arg.startsWith('-') || arg === '-') {
      line.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyInputs = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      line.help = true;
      continue;
    }
    if (flags.has(arg)) {
      line.flags.add(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!valued.has(name)) throw new UsageError(`unknown option ${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    line.values.set(name, value);
  }
  return line;
}
