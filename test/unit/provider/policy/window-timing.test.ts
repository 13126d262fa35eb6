import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lateness, span, windowTiming } from "../../../../provider/policy/window-timing";
import { exam, violations } from "../../../harness/policy-resources";

describe("provider/policy/window-timing", () => {
  it("a window is late when over, open, or opening within the hours given; not otherwise", () => {
    const now = Date.parse("2027-01-10T12:00:00Z");
    const late = (startDate: string, endDate: string, hours = 24) => lateness(exam({ startDate, endDate }), now, hours);
    assert.match(late("2027-01-01T08:00:00Z", "2027-01-08T12:00:00Z") ?? "", /endDate 2027-01-08T12:00:00Z has passed \(2 days ago\)/);
    assert.match(late("2027-01-10T08:00:00Z", "2027-01-12T08:00:00Z") ?? "", /startDate .* has passed \(4 hours ago\): the window is open/);
    // 20:00+05:00 is 15:00Z: three hours from now.
    assert.match(late("2027-01-10T20:00:00+05:00", "2027-01-20T08:00:00Z") ?? "", /is in 3 hours, less than the 24 hours/);
    assert.equal(late("2027-01-10T20:00:00+05:00", "2027-01-20T08:00:00Z", 2), undefined);
    assert.equal(late("2027-01-12T08:00:00Z", "2027-01-20T08:00:00Z"), undefined);
    assert.deepEqual([span(90_000), span(3_600_000), span(47 * 3_600_000), span(72 * 3_600_000)], ["2 minutes", "1 hour", "47 hours", "3 days"]);
  });

  it("the rule reads its hours from the pack's config, 24 unless given, and refuses a negative number", () => {
    const HOUR = 3_600_000;
    const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString().replace(/\.\d+Z$/, "Z");
    const soon = { startDate: at(40), endDate: at(80) };
    assert.deepEqual(violations(windowTiming, soon), [], "40 hours ahead is enough by default");
    const [late] = violations(windowTiming, soon, { hours: 72 });
    assert.match(late, /^exam "r" \(examId "2027s-phy-final"\): startDate .* is in (39|40) hours, less than the 72 hours/);
    assert.match(violations(windowTiming, { startDate: at(-96), endDate: at(-48) })[0], /has passed \(2 days ago\): the window is over/);
    assert.throws(() => violations(windowTiming, soon, { hours: -1 }), /policy exam-window-not-too-late: the policy pack config is invalid: hours:/);
  });
});
