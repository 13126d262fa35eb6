import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { loadCatalogue } from "../../../../provider/catalogue/load";
import { generatedExams, inCourses, writeCatalogueFile } from "../../../../scripts/lib/generated-exams";

describe("scripts/lib/generated-exams", () => {
  it("the course program's catalogue file holds the per-exam programs' exams, grouped 50 to a course", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "bench-courses-"));
    try {
      const exams = inCourses(generatedExams(520, "bench"), 50);
      const loaded = loadCatalogue({ files: await writeCatalogueFile(exams, dir, "catalogue") });
      assert.deepEqual(
        loaded.map((e) => e.args),
        exams.map((e) => e.args),
      );
      const courses = new Map<string, number>();
      for (const { args } of loaded) courses.set(String(args.courseName), (courses.get(String(args.courseName)) ?? 0) + 1);
      assert.equal(courses.size, 11);
      assert.deepEqual([...courses.values()], [...Array(10).fill(50), 20]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
