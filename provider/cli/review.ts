import { readFile } from "node:fs/promises";
import { exitStatus } from "../errors";
import { reviewOf } from "../review/changes";
import { renderHtml } from "../review/html";
import { COMMENT_LIMIT, renderMarkdown } from "../review/markdown";
import { inCwd, processIo, readStdin, stdinIsTerminal, type CliIo } from "./io";
import { writeAtomically } from "./write-atomic";
import { parsePolicyLog } from "../review/policy";
import { parsePreview } from "../review/preview";

const HELP = `usage: pulumi-proctor review [PREVIEW_JSON] [--format markdown|html] [--output FILE] [--policy-log FILE]

Summarizes \`pulumi preview --json\` output for a reviewer: what happens to each
exam (created, updated, replaced, closed, retained), the changed fields, the
preview's warnings and errors, and a timeline of the exam windows.

  PREVIEW_JSON      the file \`pulumi preview --json\` wrote; standard input when absent or "-"
  --format FORMAT   markdown (default): a pull-request comment, at most 65,536 characters;
                    html: one self-contained page with a timeline of every exam window
  --output FILE     write there (atomically) instead of standard output
  --policy-log FILE the text output of \`pulumi preview --policy-pack …\`: its violations
                    are listed too (\`pulumi preview --json\` leaves them out)
  -h, --help        this text

Exit status: 0 when the review was written (also for a failed preview: the
review lists its errors), 1 when the input cannot be read, 2 for a usage error.
`;

interface Options {
  input?: string;
  format: "markdown" | "html";
  output?: string;
  policyLog?: string;
}

function parseArgs(args: string[]): Options | string {
  const options: Options = { format: "markdown" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === "--format") {
      const format = value();
      if (format !== "markdown" && format !== "html") return `--format must be markdown or html (got ${format === undefined ? "nothing" : JSON.stringify(format)})`;
      options.format = format;
    } else if (flag === "--output" || flag === "-o") {
      const output = value();
      if (output === undefined || output === "") return "--output needs a file name";
      options.output = output;
    } else if (flag === "--policy-log") {
      const log = value();
      if (log === undefined || log === "") return "--policy-log needs a file name";
      options.policyLog = log;
    } else if (arg.startsWith("-") && arg !== "-") {
      return `unknown option ${JSON.stringify(arg)}`;
    } else if (options.input === undefined) {
      options.input = arg;
    } else {
      return `one preview file at a time (got ${JSON.stringify(options.input)} and ${JSON.stringify(arg)})`;
    }
  }
  return options;
}

export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(HELP);
    return 0;
  }
  const options = parseArgs(args);
  if (typeof options === "string") {
    io.stderr(`pulumi-proctor review: ${options}\n\n${HELP}`);
    return 2;
  }
  const fromStdin = options.input === undefined || options.input === "-";
  if (fromStdin && stdinIsTerminal(io)) {
    io.stderr(`pulumi-proctor review: no preview given; pipe \`pulumi preview --json\` into it or name its file\n\n${HELP}`);
    return 2;
  }
  const source = fromStdin ? "standard input" : options.input!;
  let text: string;
  let policyLog: string | undefined;
  try {
    text = fromStdin ? await readStdin(io) : await readFile(inCwd(io, options.input!), "utf8");
  } catch (error) {
    io.stderr(`pulumi-proctor review: cannot read ${source}: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    if (options.policyLog !== undefined) policyLog = await readFile(inCwd(io, options.policyLog), "utf8");
  } catch (error) {
    io.stderr(`pulumi-proctor review: cannot read the policy log ${options.policyLog}: ${(error as Error).message}\n`);
    return 1;
  }
  let output: string;
  try {
    const review = reviewOf(parsePreview(text, source), policyLog === undefined ? undefined : parsePolicyLog(policyLog));
    // The comment's final line break counts towards GitHub's limit too.
    output = options.format === "html" ? renderHtml(review) : `${renderMarkdown(review, COMMENT_LIMIT - 1)}\n`;
  } catch (error) {
    io.stderr(`pulumi-proctor review: ${(error as Error).message}\n`);
    return exitStatus(error);
  }
  if (options.output === undefined) io.stdout(output);
  // Temp file and rename: a reader (the workflow's upload step) never sees half a page.
  else writeAtomically(inCwd(io, options.output), output);
  return 0;
}
