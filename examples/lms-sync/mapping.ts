// From an LMS's quiz export to a catalogue: the one place that knows both
// vocabularies. Everything the LMS does not say comes from the house defaults.
import type { CatalogueDocument, CatalogueFields } from "pulumi-proctor";

/** A quiz as this (made-up but typical) LMS exports it. */
export interface LmsQuiz {
  id: string;
  title: string;
  course: { code: string; name: string };
  department: { id: string | number; name: string };
  opensAt: string;
  closesAt: string;
  timeLimitMinutes: number;
  supervision: "live" | "recorded" | "ai";
  practice?: boolean;
}

const PROCTORING = { live: "online", recorded: "offline", ai: "auto" } as const;

function toExam(quiz: LmsQuiz): CatalogueFields {
  return {
    examId: quiz.id,
    examName: quiz.title,
    accountId: String(quiz.department.id),
    accountName: quiz.department.name,
    courseName: quiz.course.name,
    courseCode: quiz.course.code,
    startDate: quiz.opensAt,
    endDate: quiz.closesAt,
    duration: quiz.timeLimitMinutes,
    // An unknown supervision value passes through, so the catalogue check names it.
    proctoring: (PROCTORING[quiz.supervision] ?? quiz.supervision) as CatalogueFields["proctoring"],
    ...(quiz.practice ? { trial: true } : {}),
  };
}

/** The catalogue of an export: house defaults at the top, one exam per quiz. */
export function catalogueOf(quizzes: readonly LmsQuiz[]): CatalogueDocument {
  return {
    schedule: false,
    identification: "face",
    exams: quizzes.map(toExam),
  };
}
