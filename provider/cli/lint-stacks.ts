import { plural } from "./args";
import type { CliIo } from "./io";
import type { CatalogueExam } from "../catalogue/resolve";
import { sharesOf } from "../catalogue/share";
import { checkPartition, type PartitionReport } from "../stacks/partition";
import { readProjectStacks } from "../stacks/stack-files";

function stackLine({ stack, share, exams }: PartitionReport["deployments"][number]["stacks"][number]): string {
  return `${stack} (${share === undefined ? "the whole catalogue" : share.join(", ")}: ${plural(exams, "exam")})`;
}

/**
 * `pulumi-proctor lint --stacks`: the catalogue's exams (already loaded and
 * clean) against the stack files of the project in `projectDir`. Exit 0 when
 * the stacks partition it, 1 with one problem a line, 2 when there is no
 * project or stack file to read.
 */
export function lintStacks(io: CliIo, files: readonly string[], exams: readonly CatalogueExam[], projectDir: string): number {
  const project = readProjectStacks(projectDir, io.cwd);
  if ("problem" in project) {
    io.stderr(`pulumi-proctor lint --stacks: ${project.problem}\n`);
    return 2;
  }
  if (project.stacks.length === 0) {
    io.stderr(`pulumi-proctor lint --stacks: no stack file (Pulumi.<stack>.yaml) in ${project.stackDir}\n`);
    return 2;
  }
  const report = checkPartition(exams, project);
  if (report.problems.length > 0) {
    for (const problem of report.problems) io.stdout(`${problem}\n`);
    io.stderr(`${plural(report.problems.length, "problem")}\n`);
    return 1;
  }
  const shares = sharesOf(exams);
  io.stdout(`${files.join(", ")}: ${plural(exams.length, "exam")} in ${plural(shares.length, "share")}${shares.length > 0 ? ` (${shares.join(", ")})` : ""}\n`);
  for (const deployment of report.deployments) {
    const each = deployment.stacks.length > 1 ? ", each exam in exactly one" : "";
    io.stdout(`${deployment.place}: ${plural(deployment.exams, "exam")} in ${plural(deployment.stacks.length, "stack")}${each}: ${deployment.stacks.map(stackLine).join(", ")}\n`);
    if (deployment.differing.length > 0) {
      io.stdout(
        `note: the config of these stacks differs (${deployment.differing.join(", ")}): Pulumi gives each stack's config to its provider, ` +
          `and \`pulumi state move\` refuses to move exams between stacks whose providers differ; keep their common config in ${project.file}\n`,
      );
    }
  }
  return 0;
}
