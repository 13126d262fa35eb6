import { randomBytes } from "node:crypto";
import { generatedExams, inCourses, withOneChanged, writeCatalogue, writeCatalogueFile } from "../../lib/generated-exams";
import { spawnEmulator, type BenchEmulator } from "../emulator";
import { ROLES, runSideBySide, type Contender, type Role } from "../side-by-side";
import { PROGRAMS, configurationKey, configurations, type Configuration } from "./configurations";
import type { ConfigurationFigures, GranularityPoint } from "./figures";

export interface GranularityOptions {
  sizes: number[];
  /** Exams per course (the last course of a size may hold fewer). */
  courseSize: number;
  /** Every program with and without checkpoints in every phase, not only what the goals compare. */
  all: boolean;
  /** Runs of the no-change preview for the course-level configurations (median kept): their goal (1.3×) is a few seconds at 10,000. */
  previewRepeats: number;
  runTimeoutMs: number;
  /** Where the input files are written. */
  scratch: string;
  log: (line: string) => void;
}

/** The name the course program gives its Catalogue, and the limit its course resources' prefix: the same resource names on both. */
const CATALOGUE_NAME = "bench";

/** The input files of one size: the same exams for every program, and the same exams with one edited. */
async function inputs(size: number, courseSize: number, scratch: string) {
  const exams = inCourses(generatedExams(size, "bench"), courseSize);
  const changed = withOneChanged(exams);
  return {
    exams: { E2E_EXAMS_FILE: await writeCatalogue(exams, scratch, `exams-${size}`) },
    examsChanged: { E2E_EXAMS_FILE: await writeCatalogue(changed, scratch, `one-changed-${size}`) },
    catalogue: { E2E_CATALOGUE_FILE: await writeCatalogueFile(exams, scratch, `catalogue-${size}`), E2E_CATALOGUE_GRANULARITY: "course", E2E_CATALOGUE_NAME: CATALOGUE_NAME },
    catalogueChanged: { E2E_CATALOGUE_FILE: await writeCatalogueFile(changed, scratch, `catalogue-one-changed-${size}`) },
  };
}

/**
 * Every configuration at each size, side by side in one run: each phase runs
 * on every configuration that takes part before the next phase starts. Each
 * configuration's provider has an emulator of its own, so that ours at both
 * granularities create the same examIds as first writes and every request is
 * counted where it was sent.
 */
export async function benchGranularity(options: GranularityOptions): Promise<GranularityPoint[]> {
  const points: GranularityPoint[] = [];
  const chosen = configurations(options.all);
  for (const size of options.sizes) {
    const files = await inputs(size, options.courseSize, options.scratch);
    const courses = Math.ceil(size / options.courseSize);
    const emulators = new Map<string, BenchEmulator>();
    try {
      for (const c of chosen) emulators.set(configurationKey(c), await spawnEmulator("bench", randomBytes(16).toString("hex")));
      const contender = (c: Configuration): Contender => {
        const course = c.program === "course";
        return {
          program: PROGRAMS[c.program].program,
          env: { ...(course ? files.catalogue : files.exams), PULUMI_SKIP_CHECKPOINTS: String(c.checkpoints === "skipped") },
          changedEnv: course ? files.catalogueChanged : files.examsChanged,
          // The stack too; the course program's Catalogue is a component resource of its own.
          resources: { course: courses + 2, courseLimit: courses + 1, exam: size + 1, examFloor: size + 1 }[c.program],
          emulator: emulators.get(configurationKey(c))!,
          phases: c.phases,
          previewRepeats: c.program === "course" || c.program === "courseLimit" ? options.previewRepeats : 1,
        };
      };
      options.log(`${size} exams in ${courses} courses of up to ${options.courseSize}: ${chosen.map(configurationKey).join(", ")}`);
      const { phases, inspected } = await runSideBySide(
        Object.fromEntries(chosen.map((c) => [configurationKey(c), contender(c)])),
        options,
        async (stacks) => {
          const bytes: Record<string, number> = {};
          for (const c of chosen.filter((c) => c.state)) {
            const key = configurationKey(c);
            bytes[key] = Buffer.byteLength((await stacks[key].mustRun(["stack", "export"])).stdout);
          }
          return bytes;
        },
      );
      const figures: Record<string, ConfigurationFigures> = {};
      for (const c of chosen) {
        const key = configurationKey(c);
        const runs = Object.values(phases[key]);
        const peak = (role: Role) => Math.max(0, ...runs.map((run) => run!.usage[role].peakRssBytes));
        figures[key] = {
          program: c.program,
          checkpoints: c.checkpoints,
          phases: phases[key],
          ...(inspected[key] === undefined ? {} : { stateBytesPerExam: inspected[key] / size }),
          peakRssBytes: Object.fromEntries((Object.keys(ROLES) as Role[]).map((role) => [role, peak(role)])) as Record<Role, number>,
        };
      }
      points.push({ exams: size, courses, configurations: figures });
    } finally {
      for (const emulator of emulators.values()) await emulator.stop();
    }
  }
  return points;
}
