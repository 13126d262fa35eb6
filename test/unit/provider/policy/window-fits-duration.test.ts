import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { windowFitsDuration, windowShortfall } from "../../../../provider/policy/window-fits-duration";
import { exam, violations } from "../../../harness/policy-resources";

describe("provider/policy/window-fits-duration", () => {
  it("a window shorter than the duration is reported, with its length; offsets count (10:00+02:00 is 08:00Z)", () => {
    const oneHour = { startDate: "2027-01-01T10:00:00+02:00", endDate: "2027-01-01T09:00:00Z" };
    assert.equal(windowShortfall(exam({ ...oneHour, duration: 60 })), undefined);
    assert.match(windowShortfall(exam({ ...oneHour, duration: 90 })) ?? "", /endDate − startDate is 60 minutes .* shorter than duration 90/);
    assert.deepEqual(violations(windowFitsDuration, { ...oneHour, duration: 90 }).map((m) => m.split(":")[0]), [`exam "r" (examId "2027s-phy-final")`]);
  });
});
