import * as pulumi from "@pulumi/pulumi";
import { loadCatalogue, type CatalogueSources } from "./load";
import type { CatalogueExam } from "./resolve";
import { Exam } from "../exam/resource";

export interface CatalogueArgs extends CatalogueSources {
  /**
   * Resource options for one exam (protect, ignoreChanges, aliases when moving
   * an existing Exam into the catalogue, ...). The parent is always the catalogue.
   */
  examOptions?: (exam: CatalogueExam) => pulumi.CustomResourceOptions | undefined;
}

/**
 * The resource name of a catalogue's exam: derived from its examId alone, so
 * reordering the file, regrouping exams or changing defaults never renames a
 * resource, and adding one exam adds exactly one resource.
 */
export function examResourceName(catalogueName: string, examId: string): string {
  return `${catalogueName}-${examId}`;
}

/**
 * A catalogue of exams: files and/or code merged level by level (catalogue,
 * account, course, exam), checked as a whole, then one Exam per entry,
 * parented to this component. Every problem is reported in one error before
 * any resource is registered, so a bad catalogue never reaches Proctor.
 *
 * URNs: each exam's URN is
 * `urn:pulumi:<stack>::<project>::proctor:index:Catalogue$pulumi-nodejs:dynamic/proctor:Exam::<name>-<examId>`.
 * Renaming the catalogue, or moving an exam between a standalone `new Exam`
 * and a catalogue, changes it: give the exam `aliases` (via `examOptions`) or
 * Pulumi will plan a create (an adoption, since the examId exists) and a
 * delete (a retain, by default).
 */
export class Catalogue extends pulumi.ComponentResource {
  /** The exams by examId, in catalogue order. */
  readonly exams: Readonly<Record<string, Exam>>;
  /** The merged, validated entries behind the exams. */
  readonly entries: readonly CatalogueExam[];

  constructor(name: string, args: CatalogueArgs, opts?: pulumi.ComponentResourceOptions) {
    // Before super(): a bad catalogue must not register even the component.
    const entries = loadCatalogue(args);
    super("proctor:index:Catalogue", name, {}, opts);
    this.entries = entries;
    const exams: Record<string, Exam> = {};
    for (const entry of entries) {
      const options = args.examOptions?.(entry) ?? {};
      exams[entry.examId] = new Exam(examResourceName(name, entry.examId), entry.args, { ...options, parent: this });
    }
    this.exams = exams;
    this.registerOutputs({ examIds: entries.map((e) => e.examId) });
  }
}
