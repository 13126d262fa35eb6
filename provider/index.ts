// The package's public entry: the Exam resource, its arguments, the catalogue helper, and the errors they throw.
export { Exam, type ExamArgs } from "./exam/resource";
export { Catalogue, examResourceName, type CatalogueArgs, type CatalogueExamOutputs, type Granularity } from "./catalogue/component";
export { ExamGroup } from "./group/resource";
export { loadCatalogue, type CatalogueSources } from "./catalogue/load";
export type { CatalogueProblem, Location as CatalogueLocation } from "./catalogue/problems";
export type { CatalogueExam } from "./catalogue/resolve";
export type { CatalogueAccount, CatalogueCourse, CatalogueDocument, CatalogueExamEntry, CatalogueFields } from "./catalogue/format";
export { examIdPattern } from "./catalogue/template";
export { ProctorError, ApiError, ConfigError, ValidationError, CatalogueError, type ProctorErrorCode } from "./errors";
