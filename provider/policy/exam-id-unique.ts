import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { examIdOf, examsOf, known, type ExamResource } from "./exam";
import type { ConfigSource } from "../proctor/config";
import { connectionsIfValid, placeKey, placeOf } from "../proctor/connection";
import { show } from "../show";

export const EXAM_ID_UNIQUE = "exam-id-unique";

/** A resource as a resource rule is given it: its exams and its provider's config. */
type Declaring = Pick<PolicyResource, "type" | "name" | "urn" | "props" | "provider">;

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
function providerConfig(resource: Declaring): ConfigSource {
  const props = resource.provider?.props;
  return (key) => (props === undefined ? undefined : Object.getOwnPropertyDescriptor(props, key)?.value);
}

/** Where each exam of a resource will be upserted, read as the provider does: config (decoded once), then `PROCTOR_*` variables. */
export function declarationsOf(resource: Declaring, env: NodeJS.ProcessEnv = process.env): Declaration[] {
  const connections = connectionsIfValid(providerConfig(resource));
  return examsOf(resource).map((exam) => {
    const connection = known(exam.exam.connection);
    return { exam, connection: connection ?? "default", place: connections && placeOf(connection, connections, env) };
  });
}

/** An examId where a declaration will be upserted, as a key. */
function examKey(declaration: Declaration, examId: string): string {
  return JSON.stringify([placeKey(declaration.place, declaration.connection), examId]);
}

function placeText(declaration: Declaration): string {
  const { place, connection } = declaration;
  return place ? `integration ${show(place.integrationName)} at ${place.url}` : `connection ${show(connection)}`;
}

/**
 * The exams seen so far in one run of the pack, by place. The engine asks a
 * resource rule about each resource before its step runs, one resource after
 * another, in one policy-pack process per update; so a second declaration of a
 * place is refused before it is sent, even when its examId was unknown during
 * preview. A resource asked about again (preview, then update, in one process)
 * replaces its earlier exams.
 */
export class SeenPlaces {
  private readonly byPlace = new Map<string, Map<string, Declaration>>();
  private readonly byResource = new Map<string, string[]>();

  /** Records a resource's exams; for each that shares its place with an exam seen before, all of them. */
  see(urn: string, declarations: readonly Declaration[]): Declaration[][] {
    for (const key of this.byResource.get(urn) ?? []) {
      for (const [id, seen] of this.byPlace.get(key) ?? []) if (seen.exam.urn === urn) this.byPlace.get(key)!.delete(id);
    }
    const keys: string[] = [];
    const shared: Declaration[][] = [];
    for (const declaration of declarations) {
      const examId = examIdOf(declaration.exam.exam);
      if (examId === undefined) continue;
      const key = examKey(declaration, examId);
      const seen = this.byPlace.get(key) ?? this.byPlace.set(key, new Map()).get(key)!;
      seen.set(JSON.stringify([declaration.exam.urn, declaration.exam.name]), declaration);
      keys.push(key);
      // In the order the engine asked about them: the exam reported comes last.
      if (seen.size > 1) shared.push([...seen.values()]);
    }
    this.byResource.set(urn, keys);
    return shared;
  }
}

/** The rule's check of one resource, remembering what `seen` holds across resources. */
export function uniqueIn(seen: SeenPlaces, env: NodeJS.ProcessEnv = process.env) {
  return (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    const declarations = declarationsOf(args, env);
    for (const group of seen.see(args.urn, declarations)) {
      const current = group.find((d) => d.exam.urn === args.urn)!;
      const names = group.map((d) => `"${d.exam.name}" (connection ${show(d.connection)})`).join(", ");
      reportViolation(
        `${current.exam.label}: is declared by ${group.length} exams on ${placeText(current)}: ${names}; ` +
          "the API is an upsert keyed by examId, so they would overwrite each other",
      );
    }
  };
}

export const examIdUnique: ResourceValidationPolicy = {
  name: EXAM_ID_UNIQUE,
  description: "One examId is declared once per Proctor integration: the API is an upsert keyed by examId.",
  enforcementLevel: "mandatory",
  validateResource: uniqueIn(new SeenPlaces()),
};
