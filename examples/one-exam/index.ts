// One exam, declared in TypeScript: the vendor's documented example, as resource
// arguments. A standard Pulumi TypeScript project; copy this folder, then:
//   npm install                  # pulumi-proctor and @pulumi/pulumi
//   pulumi stack init dev
//   pulumi config set proctor:url https://proctor.example.org
//   pulumi config set proctor:integrationName my-lms
//   pulumi config set --secret proctor:jwtSecret
//   pulumi preview --diff && pulumi up
import { Exam } from "pulumi-proctor";

const exam = new Exam("physics-final", {
  accountId: "123",
  accountName: "Corporate university",
  examId: "a3875623",
  examName: "Final test",
  courseName: "Physics",
  duration: 120,
  schedule: true,
  proctoring: "online",
  identification: "passport",
  startDate: "2027-03-27T00:00:00Z",
  endDate: "2027-03-30T12:55:00Z",
  rules: { allow_to_use_paper: true, allow_to_use_calculator: false },
  scoreConfig: { cheaterLevel: 80, phone: 1.0 },
  // When this resource is deleted, end the exam's window instead of leaving it open.
  deletionPolicy: "close",
});

export const examId = exam.examId;
/** 201 when this stack created the exam, 200 when it updated (or adopted) it. */
export const status = exam.server.status;
export const adopted = exam.server.adopted;
