import { after, before, describe, it } from "node:test";
import { Exam } from "pulumi-proctor";
import { DOCUMENTED_EXAMPLE_ARGS } from "../../../../scripts/lib/exams";
import { assertOnlyLoads, installMocks, serializedProvider } from "../../../harness/serialized-provider";

describe("provider/exam/resource", () => {
  let mocks: Awaited<ReturnType<typeof installMocks>>;
  before(async () => (mocks = await installMocks()));
  after(() => mocks.restore());

  it("the serialized provider of an Exam only loads the installed package", async () => {
    const text = await serializedProvider(mocks.seen, () => new Exam("physics-final", DOCUMENTED_EXAMPLE_ARGS));
    assertOnlyLoads(text, "pulumi-proctor/dist/provider/provider.js");
  });
});
