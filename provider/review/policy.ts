/**
 * Policy violations, read from the text `pulumi preview --policy-pack` prints:
 * `pulumi preview --json` leaves them out (it says only "preview failed";
 * pulumi/pulumi#18851), so the workflow runs the policy pack in a preview of its
 * own and hands its log to the review. The report looks like
 *
 *   Policies:
 *       ❌ pulumi-proctor@v0.1.0 (local: node_modules/pulumi-proctor/policy)
 *           - [mandatory]  exam-window-fits-duration  (pulumi-nodejs:dynamic/proctor:Exam: phy-final)
 *             The window is at least as long as the exam.
 *             exam "phy-final": …
 */
export interface PolicyViolation {
  level: string;
  policy: string;
  /** The resource's name, when the policy is about one resource. */
  resource?: string;
  /** The policy's description, then the violation's message, one line each. */
  lines: string[];
}

const ANSI = /\u001b\[[0-9;]*m/g;
const VIOLATION = /^(\s*)- \[([\w-]+)\]\s+(\S+)(?:\s+\((?:[^()]*: )?([^()]*)\))?\s*$/;

/** The violations the log reports; an empty list when its Policies section has none (or it has no such section). */
export function parsePolicyLog(text: string): PolicyViolation[] {
  const lines = text.replace(ANSI, "").split(/\r?\n/);
  const violations: PolicyViolation[] = [];
  let inReport = false;
  let current: { violation: PolicyViolation; indent: number } | undefined;
  for (const line of lines) {
    if (/^Policies:\s*$/.test(line)) {
      inReport = true;
      continue;
    }
    if (!inReport) continue;
    // The report ends at the next section, which starts at the line's first column.
    if (line !== "" && !/^\s/.test(line)) break;
    const match = VIOLATION.exec(line);
    if (match) {
      const [, indent, level, policy, resource] = match;
      current = { violation: { level, policy, ...(resource && { resource }), lines: [] }, indent: indent.length };
      violations.push(current.violation);
    } else if (current && line.trim() !== "" && line.length - line.trimStart().length > current.indent) {
      current.violation.lines.push(line.trim());
    } else {
      current = undefined;
    }
  }
  return violations;
}
