// What the rollover tests share (test/unit/provider/catalogue/rollover.test.ts and
// test/unit/provider/cli/rollover.test.ts).

/**
 * A catalogue whose second account shares the first's course list through a
 * YAML alias (and one exam's endDate another's), examIds from an `{account}`
 * template: valid, so rollover must roll it over, keeping the aliases.
 */
export const SHARED_COURSES = `term: 2026-autumn
examIdTemplate: "{account}-{course}-{term}-{kind}"
schedule: false
proctoring: auto
duration: 90
endDate: "2026-09-30T18:00:00Z"
accounts:
  - accountId: "100"
    accountName: Science
    courses: &shared
      - courseCode: PHY
        startDate: "2026-09-07T09:00:00Z"
        exams:
          - { kind: midterm, examName: Midterm, endDate: &late "2026-10-30T18:00:00Z" }
          - { kind: final, examName: Final, endDate: *late }
  - accountId: "200"
    accountName: Arts
    courses: *shared
`;
