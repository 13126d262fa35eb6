// Loaded before a second run of the unit tier (scripts/toolchain/run.sh): the clock reads
// 400 days on. A test written against today's date (a window "in the future" that a
// fixed date will one day pass) fails here today, instead of in CI a year from now.
const AHEAD_MS = 400 * 86_400_000;
const RealDate = Date;

class DateAhead extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(RealDate.now() + AHEAD_MS);
    else super(...(args as ConstructorParameters<DateConstructor>));
  }

  static override now(): number {
    return RealDate.now() + AHEAD_MS;
  }
}

globalThis.Date = DateAhead as DateConstructor;
