/** a CLI error: its message on stderr, once, and exit code 2 (a mistake in how the command was called) */
export function fail(message: string): never {
  process.stderr.write(`dutygraph: ${message}\n`);
  process.exit(2);
}
