// The table of error codes in docs/errors.md, read off provider/errors.ts: each code, its
// class, what it means, what to do, and the `pulumi-proctor` command's exit status.
import { ERROR_CODES } from "../../provider/errors";

export function renderErrorTable(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, doc]) => `| \`${code}\` | \`${doc.error}\` | ${doc.means} | ${doc.todo} | ${doc.exit} |`);
  return ["| Code | Class | What happened | What to do | CLI exit |", "|---|---|---|---|---|", ...rows].join("\n");
}
