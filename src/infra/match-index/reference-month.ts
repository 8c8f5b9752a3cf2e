/**
 * The month the match index weighs delivery records from (recency.ts). The columns are weighed from
 * the month they were built in; every answer and explanation uses that month (`reference`) until a
 * rebuild for a later month swaps in, so rankings and explanations always agree with the pure scorer
 * at one month. `turned` tells the index the calendar has moved on since its columns were built.
 */
import { type MonthIndex, monthOfDate } from "../../core/matching/recency.js";

export class ReferenceMonth {
  /** The month the columns in use were weighed from; -1 before the first build. */
  private built: MonthIndex = -1;

  /** `clock`: "now"; the system clock unless a test gives one. */
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** The calendar month (UTC) of the clock. */
  now(): MonthIndex {
    return monthOfDate(this.clock());
  }

  /** The month every answer weighs from: the columns' month once built, else the clock's. */
  reference(): MonthIndex {
    return this.built < 0 ? this.now() : this.built;
  }

  /** True when columns exist and the calendar has moved past their month. */
  turned(): boolean {
    return this.built >= 0 && this.built !== this.now();
  }

  /** Records the month the columns that just swapped in were weighed from. */
  builtIn(month: MonthIndex): void {
    this.built = month;
  }
}
