import { after, before, describe, it } from "node:test";
import { ExamGroup } from "pulumi-proctor";
import { encodeExam } from "../../../../provider/group/shape";
import { DOCUMENTED_EXAMPLE_ARGS } from "../../../../scripts/lib/exams";
import { assertOnlyLoads, installMocks, serializedProvider } from "../../../harness/serialized-provider";

describe("provider/group/resource", () => {
  let mocks: Awaited<ReturnType<typeof installMocks>>;
  before(async () => (mocks = await installMocks()));
  after(() => mocks.restore());

  it("the serialized provider of an ExamGroup only loads the installed package", async () => {
    const text = await serializedProvider(mocks.seen, () => new ExamGroup("physics", { exams: { a3875623: encodeExam(DOCUMENTED_EXAMPLE_ARGS) } }));
    assertOnlyLoads(text, "pulumi-proctor/dist/provider/group-provider.js");
  });
});
