// An LMS export for `pulumi-proctor import`'s tests (unit and integration): the rows and the exam each must become.

/** Rows as a CSV file writes them: quoted where needed, CRLF line ends. */
export function csv(rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

const HEADERS = [
  "Exam ID", "Exam Name", "Course", "course_code", "Account ID", "Department", "Start", "End", "Duration (minutes)",
  "proctoring", "Schedule", "trial", "rules.allow_to_use_paper", "rules.custom_rules", "scoreConfig.cheaterLevel", "desktopAppAllowedProcesses",
];

/** `count` exams (500: in 4 accounts and 40 courses), as an LMS would export them, and the exam each row must become. */
export function lmsExport(count: number): { rows: string[][]; exams: Map<string, Record<string, unknown>> } {
  const rows: string[][] = [HEADERS];
  const exams = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < count; i++) {
    const account = i % 4;
    const course = i % 40;
    // Some courses are left out: their exams sit directly under the account.
    const inCourse = course % 10 !== 9;
    const day = String(11 + (course % 5)).padStart(2, "0");
    const offset = account === 3 ? "+01:00" : "Z";
    const examId = i % 50 === 0 ? `00${i}` : `exam-${i}`;
    const examName = i % 97 === 0 ? "yes" : i % 89 === 0 ? "1e3" : `Final test ${i}, part "${i % 3}"`;
    const duration = account === 0 ? 90 : 60 + 30 * (i % 3);
    const exam: Record<string, unknown> = {
      examId,
      examName,
      ...(inCourse && { courseName: `Course ${course}`, courseCode: `0${course}` }),
      accountId: String(100 + account),
      accountName: `Faculty ${account}`,
      startDate: `2027-01-${day}T08:00:00${offset}`,
      endDate: `2027-01-${day}T20:30:00${offset}`,
      duration,
      proctoring: account === 1 ? "online" : "auto",
      schedule: false,
      ...(i % 7 === 0 && { trial: true }),
      rules: { allow_to_use_paper: course % 3 === 0, ...(i % 11 === 0 && { custom_rules: "No notes.\nNo phones." }) },
      ...(account === 2 && { scoreConfig: { cheaterLevel: 70 } }),
      ...(i % 13 === 0 && { desktopAppAllowedProcesses: ["calc.exe", "notepad.exe"] }),
    };
    exams.set(examId, exam);
    rows.push([
      examId,
      examName,
      inCourse ? `Course ${course}` : "",
      inCourse ? `0${course}` : "",
      String(100 + account),
      `Faculty ${account}`,
      // Spreadsheets write dates their way; the import writes RFC 3339.
      i % 2 === 0 ? `2027-01-${day}T08:00:00${offset}` : `2027-01-${day} 08:00 ${offset}`,
      `2027-01-${day}T20:30:00${offset}`,
      String(duration),
      String(exam.proctoring),
      ["no", "FALSE", "0", "false"][i % 4],
      i % 7 === 0 ? ["yes", "TRUE", "1"][i % 3] : "",
      String((exam.rules as { allow_to_use_paper: boolean }).allow_to_use_paper),
      i % 11 === 0 ? "No notes.\nNo phones." : "",
      account === 2 ? "70" : "",
      i % 13 === 0 ? "calc.exe; notepad.exe" : "",
    ]);
  }
  return { rows, exams };
}
