import type { Role, RunFigures } from "../side-by-side";
import type { Checkpoints, GranularityPhase, Program } from "./configurations";

/** What one configuration measured at one catalogue size. */
export interface ConfigurationFigures {
  program: Program;
  checkpoints: Checkpoints;
  /** The phases it ran (a repeated preview: the median run, every run's seconds in `samples`). */
  phases: Partial<Record<GranularityPhase, RunFigures>>;
  /** `pulumi stack export` bytes after its last phase, divided by the exams; absent when not measured. */
  stateBytesPerExam?: number;
  /** Each process's highest peak RSS over all its runs, in bytes. */
  peakRssBytes: Record<Role, number>;
}

/** One catalogue size: every configuration, by configurationKey. */
export interface GranularityPoint {
  exams: number;
  courses: number;
  configurations: Record<string, ConfigurationFigures>;
}
