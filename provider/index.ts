// The package's public entry: the Exam resource and its arguments.
export { Exam, type ExamArgs } from "./exam";
