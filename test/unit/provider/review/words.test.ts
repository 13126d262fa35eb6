import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findingSubject, findingText, notes, status, violationSubject, violationText } from "../../../../provider/review/words";
import { examChange } from "../../../harness/review-fixtures";

describe("provider/review/words", () => {
  it("a replacement names each reason in words, an unknown one by its name, and none as the provider's request", () => {
    assert.equal(status(examChange({ kind: "replaced", replaceReasons: ["accountId", "connection"] })), "replaced: its accountId changed, its connection points to another integration");
    assert.equal(status(examChange({ kind: "replaced", replaceReasons: ["courseName"] })), "replaced: courseName changed");
    assert.equal(status(examChange({ kind: "replaced" })), "replaced: the provider asked for it");
    assert.equal(status(examChange({ kind: "replaced", unseen: ["its arguments are secret"] })), "may be replaced: its arguments are secret, so the review assumes its accountId or connection changed");
  });

  it("an update that sends nothing says so; a close that rests on a hidden value says may", () => {
    assert.equal(status(examChange({ kind: "updated", upserts: 0 })), "updated (resource options only, nothing sent)");
    assert.equal(status(examChange({ kind: "updated", upserts: 1 })), "updated");
    assert.equal(status(examChange({ kind: "closed", unseen: ["deletionPolicy is secret"] })), "may close: deletionPolicy is secret, so the review assumes its window ends now");
    assert.equal(status(examChange({ kind: "moved", movedTo: "cat[x]" })), 'moved to resource "cat[x]": the exam stays, nothing is closed');
  });

  it("the notes say what becomes of a replacement's old exam, and name the resource an adoption takes over from", () => {
    const old = (fate: "kept" | "close" | "retain", unseen: string[] = []) => notes(examChange({ kind: "replaced", oldExam: { examId: "old", fate, unseen } }));
    assert.deepEqual(old("kept"), ['Exam "old" is upserted again with the new values; nothing is closed.']);
    assert.deepEqual(old("close"), ['The old exam "old" is closed: its window ends now (deletionPolicy close).']);
    assert.deepEqual(old("close", ["deletionPolicy is secret"]), ['The old exam "old" may be closed (deletionPolicy is secret): the review assumes its window ends now.']);
    assert.deepEqual(old("retain"), ['The old exam "old" stays open in Proctor, no longer managed (deletionPolicy retain).']);
    assert.deepEqual(notes(examChange()), []);
    const [adoption] = notes(examChange({ kind: "created", adoptsFrom: "old-resource" }));
    assert.match(adoption, /^Adoption: resource "old-resource" managed exam "x" until now .*Proctor's exam gets these settings and is not closed\.$/);
  });

  it("a finding reads field first, unless the field is one the server keeps; its subject is the exam, else the resource", () => {
    assert.equal(findingText({ field: "duration", message: "must be at least 1" }), "duration: must be at least 1");
    assert.equal(findingText({ field: "courseCode", unresettable: true, message: "courseCode was removed" }), "courseCode was removed");
    assert.equal(findingText({ message: "boom" }), "boom");
    assert.equal(findingSubject({ examId: "phy", resource: "r", message: "m" }), 'exam "phy"');
    assert.equal(findingSubject({ resource: "r", message: "m" }), 'resource "r"');
    assert.equal(findingSubject({ message: "m" }), undefined);
  });

  it("a violation reads level, rule and lines; it is about the exam of its resource, or the exam a course's resource names", () => {
    const violation = (resource: string | undefined, line = "too short") => ({ level: "mandatory", policy: "exam-window-fits-duration", resource, lines: ["A window fits.", line] });
    assert.equal(violationText(violation("r")), "[mandatory] exam-window-fits-duration: A window fits. too short");
    const exams = [
      examChange({ examId: "phy-final", resource: "phy-final" }),
      examChange({ examId: "phy-lab", resource: "cat-Physics[phy-lab]" }),
      examChange({ examId: "phy-quiz", resource: "cat-Physics[phy-quiz]" }),
    ];
    assert.equal(violationSubject(violation("phy-final"), exams), 'exam "phy-final" (resource "phy-final")');
    assert.equal(violationSubject(violation("cat-Physics", 'exam "cat-Physics[phy-quiz]" (examId "phy-quiz"): too short'), exams), 'exam "phy-quiz" (resource "cat-Physics[phy-quiz]")');
    assert.equal(violationSubject(violation("cat-Physics", "no exam named"), exams), 'resource "cat-Physics"');
    assert.equal(violationSubject(violation(undefined), exams), undefined);
    // A renamed exam is listed under its old resource too: the violation is about the one that stays.
    const renamed = [examChange({ examId: "phy-final", resource: "old", kind: "moved" })];
    assert.equal(violationSubject(violation("old"), renamed), 'resource "old"');
  });
});
