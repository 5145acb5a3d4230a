import { createRequire as __greenlightCreateRequire } from 'node:module'; const require = __greenlightCreateRequire(import.meta.url);

// src/cli/main.ts
import { parseArgs } from "node:util";

// src/core/errors.ts
var GreenlightError = class extends Error {
  code;
  constructor(code2, message, options) {
    super(message, options);
    this.name = "GreenlightError";
    this.code = code2;
  }
};
function isGreenlightError(error, code2) {
  return error instanceof GreenlightError && (code2 === void 0 || error.code === code2);
}

// src/cli/commands/index.ts
var commands = [];

// src/version.ts
var VERSION = "0.1.0";

// src/cli/main.ts
var EXIT_USAGE = 2;
var EXIT_INTERNAL = 3;
function overview() {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `greenlight ${VERSION} \u2014 turn an issue or a /fix comment into a validated pull request`,
    "",
    "Usage: greenlight <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Options:",
    "  -h, --help     show help (also: greenlight <command> --help)",
    "  -v, --version  print the version"
  ].join("\n");
}
async function main(argv, io) {
  const [first, ...rest] = argv;
  if (first === void 0 || first === "-h" || first === "--help" || first === "help") {
    io.out(overview());
    return first === void 0 ? EXIT_USAGE : 0;
  }
  if (first === "-v" || first === "--version") {
    io.out(VERSION);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.err(`greenlight: unknown command '${first}' (see greenlight --help)`);
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return 0;
  }
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true
    });
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (error) {
    if (isGreenlightError(error)) {
      io.err(`greenlight ${command.name}: ${error.message}`);
      return error.code === "internal" ? EXIT_INTERNAL : EXIT_USAGE;
    }
    const code2 = error.code;
    if (typeof code2 === "string" && code2.startsWith("ERR_PARSE_ARGS")) {
      io.err(`greenlight ${command.name}: ${error.message.split("\n")[0]} (see greenlight ${command.name} --help)`);
      return EXIT_USAGE;
    }
    io.err(`greenlight ${command.name}: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return EXIT_INTERNAL;
  }
}

// src/cli/run-cli.ts
var code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}
`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}
`),
  cwd: process.cwd(),
  env: process.env,
  interactive: Boolean(process.stdout.isTTY)
});
process.exitCode = code;
