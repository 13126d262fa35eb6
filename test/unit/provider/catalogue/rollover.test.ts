import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RolloverRefused } from "../../../../provider/errors";
import { planRollover, rolloverMismatches, type RolloverOptions } from "../../../../provider/catalogue/rollover";
import { catalogueTexts } from "../../../harness/catalogue";
import { SHARED_COURSES } from "../../../harness/rollover";

// Next term's catalogue planned from this term's text and exams, without the command
// around it (test/integration/provider/cli/rollover.test.ts runs that).

describe("provider/catalogue/rollover", () => {
  const { load } = catalogueTexts("catalogue-rollover-");

  const SOURCE = `# the term's exams
term: 2026-autumn
examIdTemplate: "{course}-{term}-{kind}"
schedule: false
proctoring: auto
duration: 90
startDate: "2026-09-07T09:00:00+03:00"
endDate: "2026-09-30T18:00:00+03:00"
presets:
  resit: { startDate: "2026-12-01T09:00:00-05:00", endDate: "2026-12-03T09:00:00-05:00" }
accountId: "100"
accountName: Science
courseCode: PHY
exams:
  - { kind: midterm, examName: Midterm, startDate: "2026-09-12T08:30:00Z" }
  - { kind: resit, examName: Resit, preset: resit }
  - { examId: phy-2026-autumn-special, examName: Special }
  - { examId: phy-special, examName: Special 2 }
`;

  async function plan(options: RolloverOptions, source = SOURCE) {
    return planRollover("catalogue.yaml", source, await load(source), options);
  }

  async function refusal(options: RolloverOptions, source = SOURCE): Promise<readonly string[]> {
    try {
      await plan(options, source);
    } catch (error) {
      assert.ok(error instanceof RolloverRefused, `expected RolloverRefused, got ${String(error)}`);
      return error.reasons;
    }
    assert.fail("the rollover was planned");
  }

  it("every date written anywhere, presets included, moves by the days in its own offset; the term is replaced and the comments kept", async () => {
    const planned = await plan({ toTerm: "2027-spring", shift: { days: 7 } });
    assert.equal(planned.days, 7);
    assert.equal(planned.fromTerm, "2026-autumn");
    assert.match(planned.text, /^# the term's exams\nterm: 2027-spring\n/);
    assert.match(planned.text, /^startDate: "2026-09-14T09:00:00\+03:00"$/m);
    assert.match(planned.text, /resit: \{ startDate: "2026-12-08T09:00:00-05:00", endDate: "2026-12-10T09:00:00-05:00" \}/);
    assert.match(planned.text, /kind: midterm, examName: Midterm, startDate: "2026-09-19T08:30:00Z"/);
  });

  it("ids: a template's follow the new term; an explicit id has its term replaced, or the new term appended, and says which", async () => {
    const planned = await plan({ toTerm: "2027-spring", shift: { days: 7 } });
    assert.deepEqual(
      planned.renamed.map((r) => [r.from, r.to, r.rule]),
      [
        ["PHY-2026-autumn-midterm", "PHY-2027-spring-midterm", "examIdTemplate"],
        ["PHY-2026-autumn-resit", "PHY-2027-spring-resit", "examIdTemplate"],
        ["phy-2026-autumn-special", "phy-2027-spring-special", "replaced"],
        ["phy-special", "phy-special-2027-spring", "appended"],
      ],
    );
    // The written catalogue loads as the plan says.
    assert.deepEqual((await load(planned.text, "next.yaml")).map((e) => e.examId), planned.renamed.map((r) => r.to));
  });

  it("--start: the days from the earliest startDate written to that date", async () => {
    assert.equal((await plan({ toTerm: "2027-spring", shift: { start: "2027-02-01" } })).days, 147);
  });

  it("refused: the same term, a date that is not one, and new ids that meet, each naming both exams", async () => {
    assert.deepEqual(await refusal({ toTerm: "2026-autumn", shift: { days: 1 } }), ['the catalogue is already for term "2026-autumn"']);
    assert.deepEqual(await refusal({ toTerm: "2027-spring", shift: { start: "2027-02-30" } }), ['--start must be a date, YYYY-MM-DD (got "2027-02-30")']);
    assert.deepEqual((await refusal({ toTerm: "2027-spring", shift: { days: 1 }, idTemplate: "{course}-{kind}" })).slice(0, 1), [
      'catalogue.yaml exams[2] (examId "phy-2026-autumn-special"): --id-template has no value for {kind}',
    ]);
    assert.deepEqual(await refusal({ toTerm: "2027-spring", shift: { days: 1 }, idTemplate: "{course}" }), [
      'catalogue.yaml exams[1] (examId "PHY-2026-autumn-resit") and catalogue.yaml exams[0] (examId "PHY-2026-autumn-midterm") would both become "PHY"',
      'catalogue.yaml exams[2] (examId "phy-2026-autumn-special") and catalogue.yaml exams[0] (examId "PHY-2026-autumn-midterm") would both become "PHY"',
      'catalogue.yaml exams[3] (examId "phy-special") and catalogue.yaml exams[0] (examId "PHY-2026-autumn-midterm") would both become "PHY"',
    ]);
  });

  it("refused: a template without {term} gives an exam its own id again, which would overwrite this term's exam", async () => {
    const reasons = await refusal({ toTerm: "2027-spring", shift: { days: 1 } }, SOURCE.replace("{course}-{term}-{kind}", "{course}-{kind}"));
    assert.equal(
      reasons[0],
      'catalogue.yaml exams[0] (examId "PHY-midterm") would become "PHY-midterm", the examId of catalogue.yaml exams[0] (examId "PHY-midterm") in the source catalogue; its id does not change (give the examIdTemplate a {term}, or pass --id-template)',
    );
  });

  it("a course list shared through a YAML alias: its dates move once, at the anchor, and the alias stays an alias", async () => {
    const planned = await plan({ toTerm: "2027-spring", shift: { days: 7 } }, SHARED_COURSES);
    assert.deepEqual(
      planned.renamed.map((r) => r.to),
      ["100-PHY-2027-spring-midterm", "100-PHY-2027-spring-final", "200-PHY-2027-spring-midterm", "200-PHY-2027-spring-final"],
    );
    assert.match(planned.text, /^ {4}courses: &shared\n/m);
    assert.match(planned.text, /^ {4}courses: \*shared\n/m);
    assert.match(planned.text, /startDate: "2026-09-14T09:00:00Z"/);
    assert.match(planned.text, /endDate: &late "2026-11-06T18:00:00Z"/);
    const after = await load(planned.text, "next.yaml");
    assert.deepEqual(rolloverMismatches(await load(SHARED_COURSES), after, planned), []);
    assert.deepEqual(after.map((e) => e.args.startDate), Array(4).fill("2026-09-14T09:00:00Z"));
  });

  it("refused, naming the line: an alias whose value rollover would change where it does not mean to (a date's anchor aliased as a name)", async () => {
    const aliased = SOURCE.replace('startDate: "2026-09-07T09:00:00+03:00"', 'startDate: &opens "2026-09-07T09:00:00+03:00"').replace("examName: Special 2", "examName: *opens");
    assert.deepEqual(await refusal({ toTerm: "2027-spring", shift: { days: 7 } }, aliased), [
      'catalogue.yaml:18:38 exams[3].examName would become "2026-09-14T09:00:00+03:00" (was "2026-09-07T09:00:00+03:00"): it shares a YAML anchor with a value rollover changes, and rollover changes only dates, examIds and the term; write the value out in place of the alias (*name) and run rollover again',
    ]);
  });

  it("rolloverMismatches: none for the catalogue as planned; a missing exam or an unshifted date is named", async () => {
    const before = await load(SOURCE);
    const planned = planRollover("catalogue.yaml", SOURCE, before, { toTerm: "2027-spring", shift: { days: 7 } });
    const after = await load(planned.text, "next.yaml");
    assert.deepEqual(rolloverMismatches(before, after, planned), []);
    assert.deepEqual(rolloverMismatches(before, after.slice(1), planned), ["3 exams written, 4 expected"]);
    const wrong = rolloverMismatches(before, after, { ...planned, days: 8 });
    assert.equal(wrong[0], 'catalogue.yaml exams[0] (examId "PHY-2026-autumn-midterm"): startDate 2026-09-19T08:30:00Z instead of 2026-09-20T08:30:00Z');
    assert.equal(wrong.length, 8, "both dates of all four exams");
  });
});
