import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { examIdOf, examsOf, known, type ExamResource } from "./exam";
import { connectionPlace, type ConfigSource } from "../proctor/connection";
import { isRecord } from "../record";
import { show } from "../show";

export const EXAM_ID_UNIQUE = "exam-id-unique";

/** One declaration of an examId: the exam, its connection's name, and where that connection points when known. */
export interface Declaration {
  exam: ExamResource;
  connection: string;
  place?: { url: string; integrationName: string };
}

/**
 * The stack config the exam's provider holds (`proctor:url`, `proctor:connections`, ...),
 * which is what the provider itself reads; its values are never shown.
 */
function providerConfig(resource: PolicyResource): ConfigSource {
  const props = resource.provider?.props;
  return (key) => {
    const value: unknown = props === undefined ? undefined : Object.getOwnPropertyDescriptor(props, key)?.value;
    if (typeof value === "string") return value;
    return isRecord(value) ? JSON.stringify(value) : undefined;
  };
}

/** Where each exam of a resource will be upserted, read as the provider does: config, then `PROCTOR_*` variables. */
export function declarationsOf(resource: PolicyResource, env: NodeJS.ProcessEnv = process.env): Declaration[] {
  return examsOf(resource).map((exam) => {
    const connection = known(exam.exam.connection);
    return { exam, connection: connection ?? "default", place: connectionPlace(connection, providerConfig(resource), env) };
  });
}

/**
 * Declarations of one examId reaching one place, in groups of two or more
 * sorted by URN (the last one is reported). A
 * place is url + integrationName; a connection whose place cannot be read is
 * keyed by its name. Unknown examIds are left out.
 */
export function duplicateGroups(declarations: readonly Declaration[]): Declaration[][] {
  const groups = new Map<string, Declaration[]>();
  for (const declaration of declarations) {
    const examId = examIdOf(declaration.exam.exam);
    if (examId === undefined) continue;
    const where = declaration.place ? [declaration.place.url, declaration.place.integrationName] : ["connection", declaration.connection];
    const key = JSON.stringify([...where, examId]);
    groups.set(key, [...(groups.get(key) ?? []), declaration]);
  }
  // By URN: the engine lists a stack's resources in no fixed order.
  return [...groups.values()].filter((group) => group.length > 1).map((group) => group.sort((a, b) => (a.exam.urn < b.exam.urn ? -1 : 1)));
}

function placeText(declaration: Declaration): string {
  const { place, connection } = declaration;
  return place ? `integration ${show(place.integrationName)} at ${place.url}` : `connection ${show(connection)}`;
}

export const examIdUnique: StackValidationPolicy = {
  name: EXAM_ID_UNIQUE,
  description: "One examId is declared once per Proctor integration: the API is an upsert keyed by examId.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const declarations = args.resources.flatMap((resource) => declarationsOf(resource));
    for (const group of duplicateGroups(declarations)) {
      const last = group[group.length - 1];
      const names = group.map((d) => `"${d.exam.name}" (connection ${show(d.connection)})`).join(", ");
      reportViolation(
        `${last.exam.label}: is declared by ${group.length} exams on ${placeText(last)}: ${names}; ` +
          "the API is an upsert keyed by examId, so they would overwrite each other",
        last.exam.urn,
      );
    }
  },
};
