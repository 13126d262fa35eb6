import type { ExamInput } from "../../provider/exam/schema";

/** The exam-creation page's example body, given as resource arguments unchanged. */
export const DOCUMENTED_EXAMPLE_ARGS = {
  accountId: 123,
  accountName: "Corporate university",
  examId: "a3875623",
  examName: "Final test",
  courseName: "Physics",
  duration: 120,
  schedule: true,
  proctoring: "online",
  identification: "passport",
  startDate: "2018-03-27T00:00:00Z",
  endDate: "2018-03-30T12:55:00Z",
  rules: {
    allow_to_use_websites: false,
    allow_to_use_books: false,
    allow_to_use_paper: true,
    allow_to_use_messengers: false,
    allow_to_use_calculator: true,
    allow_to_use_excel: false,
    allow_to_use_human_assistant: false,
    allow_absence_in_frame: false,
    allow_voices: false,
    allow_wrong_gaze_direction: false,
  },
  visibleWarnings: {
    warning_timeout: true,
    warning_extra_user_in_frame: true,
    warning_substitution_user: true,
    warning_no_user_in_frame: true,
    warning_avert_eyes: true,
    warning_change_active_window_on_computer: true,
    warning_voice_detected: true,
    warning_phone: true,
  },
  scoreConfig: {
    cheaterLevel: 80,
    extraUserInFrame: 1.0,
    substitutionUser: 1.0,
    noUserInFrame: 2.0,
    avertEyes: 1.5,
    changeActiveWindowOnComputer: 1.0,
    forbiddenDevice: 1.0,
    voiceDetected: 1.0,
    phone: 1.0,
  },
} satisfies ExamInput;

/**
 * What must be sent for the documented example: the vendor's body as published,
 * written out again rather than derived from the arguments so that it is
 * independent evidence, with accountId as the string the parameter table types.
 */
export const DOCUMENTED_EXAMPLE_BODY: Record<string, unknown> = JSON.parse(
  '{"accountId": "123", "accountName": "Corporate university", "examId": "a3875623", "examName": "Final test", ' +
    '"courseName": "Physics", "duration": 120, "schedule": true, "proctoring": "online", "identification": "passport", ' +
    '"startDate": "2018-03-27T00:00:00Z", "endDate": "2018-03-30T12:55:00Z", ' +
    '"rules": {"allow_to_use_websites": false, "allow_to_use_books": false, "allow_to_use_paper": true, ' +
    '"allow_to_use_messengers": false, "allow_to_use_calculator": true, "allow_to_use_excel": false, ' +
    '"allow_to_use_human_assistant": false, "allow_absence_in_frame": false, "allow_voices": false, ' +
    '"allow_wrong_gaze_direction": false}, ' +
    '"visibleWarnings": {"warning_timeout": true, "warning_extra_user_in_frame": true, "warning_substitution_user": true, ' +
    '"warning_no_user_in_frame": true, "warning_avert_eyes": true, "warning_change_active_window_on_computer": true, ' +
    '"warning_voice_detected": true, "warning_phone": true}, ' +
    '"scoreConfig": {"cheaterLevel": 80, "extraUserInFrame": 1.0, "substitutionUser": 1.0, "noUserInFrame": 2.0, ' +
    '"avertEyes": 1.5, "changeActiveWindowOnComputer": 1.0, "forbiddenDevice": 1.0, "voiceDetected": 1.0, "phone": 1.0}}',
);

/**
 * A deep copy of the documented example with `overrides` applied at the top
 * level; an override of `undefined` removes the key, so a test can leave out a
 * required field.
 */
export function validExam(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const exam: Record<string, unknown> = { ...structuredClone(DOCUMENTED_EXAMPLE_ARGS), ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete exam[key];
  return exam;
}
