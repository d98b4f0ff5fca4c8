/** Command-line arguments: positionals, `--flag`, `--key value` / `--key=value`. */
export interface Args {
  command: string | undefined;
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Options that take a value; every other `--name` is a boolean flag. */
const VALUED = new Set(['input', 'precision', 'mode', 'engine', 'args', 'target', 'jobs', 'count', 'seed', 'length']);

export function parseArgs(argv: readonly string[]): Args {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (eq >= 0) flags.set(name, a.slice(eq + 1));
      else if (VALUED.has(name) && i + 1 < argv.length) flags.set(name, argv[++i]!);
      else flags.set(name, true);
    } else positionals.push(a);
  }
  return { command: positionals.shift(), positionals, flags };
}
