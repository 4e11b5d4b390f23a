import { describe, expect, test } from "vitest";

import {
  belgianPublicHolidays,
  brusselsInstant,
  brusselsParts,
  checkRule,
  dayFormat,
  dayKeyNoon,
  easterSunday,
  expandRule,
  formatDate,
  formatMeetingDay,
  formatMeetingWhen,
  instantFormat,
  nthWeekdayOfMonth,
  publicHolidayOn,
  toRRule,
} from "./brussels-time";

describe("Brussels wall-clock time", () => {
  test("14:00 is 13:00 UTC in winter and 12:00 UTC in summer", () => {
    expect(brusselsInstant("2026-01-13", 14 * 60).toISOString()).toBe("2026-01-13T13:00:00.000Z");
    expect(brusselsInstant("2026-07-14", 14 * 60).toISOString()).toBe("2026-07-14T12:00:00.000Z");
  });
  test("around the changes of the last Sundays of March and October", () => {
    expect(brusselsInstant("2026-03-29", 60).toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(brusselsInstant("2026-03-29", 4 * 60).toISOString()).toBe("2026-03-29T02:00:00.000Z");
    // 02:30 does not exist that night: read with the winter offset, it is 03:30 summer time.
    expect(brusselsParts(brusselsInstant("2026-03-29", 150))).toEqual({ day: "2026-03-29", minutes: 210 });
    expect(brusselsInstant("2026-10-25", 4 * 60).toISOString()).toBe("2026-10-25T03:00:00.000Z");
    expect(brusselsInstant("2026-10-24", 23 * 60 + 30).toISOString()).toBe("2026-10-24T21:30:00.000Z");
  });
  test("parts read back what instants were made from", () => {
    for (const day of ["2026-01-01", "2026-03-28", "2026-03-30", "2026-10-26", "2026-12-31"]) {
      for (const minutes of [0, 9 * 60 + 30, 23 * 60 + 59]) expect(brusselsParts(brusselsInstant(day, minutes))).toEqual({ day, minutes });
    }
  });
});

describe("series", () => {
  test("the n-th and the last weekday of a month", () => {
    expect(nthWeekdayOfMonth(2026, 12, 2, 2)).toBe("2026-12-08"); // 2nd Tuesday of December 2026
    expect(nthWeekdayOfMonth(2026, 6, 1, 1)).toBe("2026-06-01"); // 1st Monday of June 2026
    expect(nthWeekdayOfMonth(2026, 3, 2, -1)).toBe("2026-03-31");
    expect(nthWeekdayOfMonth(2026, 2, 7, -1)).toBe("2026-02-22");
    expect(nthWeekdayOfMonth(2026, 2, 1, 5)).toBeNull();
  });
  test("every second Tuesday of the month, until a date", () => {
    expect(expandRule({ frequency: "monthly", interval: 1, weekday: 2, ordinal: 2, startOn: "2026-12-09", untilOn: "2027-04-30" })).toEqual([
      "2027-01-12",
      "2027-02-09",
      "2027-03-09",
      "2027-04-13",
    ]);
  });
  test("every first Monday, a count; weekly every two weeks", () => {
    expect(expandRule({ frequency: "monthly", interval: 1, weekday: 1, ordinal: 1, startOn: "2026-12-01", count: 3 })).toEqual([
      "2026-12-07",
      "2027-01-04",
      "2027-02-01",
    ]);
    expect(expandRule({ frequency: "weekly", interval: 2, weekday: 4, startOn: "2026-12-01", count: 3 })).toEqual(["2026-12-03", "2026-12-17", "2026-12-31"]);
  });
  test("rules without an end, or too long, are refused", () => {
    expect(checkRule({ frequency: "weekly", interval: 1, weekday: 1, startOn: "2026-12-01" })).toBe("series.error.endRequired");
    expect(checkRule({ frequency: "weekly", interval: 1, weekday: 1, startOn: "2026-12-01", untilOn: "2028-12-01" })).toBe("series.error.tooMany");
    expect(checkRule({ frequency: "monthly", interval: 1, weekday: 1, startOn: "2026-12-01", count: 3 })).toBe("series.error.ordinalRequired");
    expect(checkRule({ frequency: "monthly", interval: 1, weekday: 1, ordinal: 1, startOn: "2026-12-10", untilOn: "2026-12-31" })).toBe(
      "series.error.noOccurrence",
    );
    expect(checkRule({ frequency: "monthly", interval: 1, weekday: 1, ordinal: 1, startOn: "2026-12-01", count: 12 })).toBeNull();
  });
  test("RRULE", () => {
    expect(toRRule({ frequency: "monthly", interval: 1, weekday: 2, ordinal: 2, startOn: "2026-12-01", untilOn: "2027-06-30" })).toBe(
      "FREQ=MONTHLY;BYDAY=2TU;COUNT=7",
    );
    expect(toRRule({ frequency: "weekly", interval: 2, weekday: 5, startOn: "2026-12-01", count: 4 })).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=4");
  });
});

describe("Belgian public holidays", () => {
  test("Easter Sunday, checked against published dates", () => {
    // Published Easter Sundays (Gregorian): 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28, 2038-04-25 (the latest possible).
    expect([2024, 2025, 2026, 2027, 2038].map(easterSunday)).toEqual(["2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25"]);
  });

  test("the ten days of 2027, moving ones computed from Easter (28 March)", () => {
    expect([...belgianPublicHolidays(2027)]).toEqual([
      ["2027-01-01", "newYear"],
      ["2027-03-29", "easterMonday"],
      ["2027-05-01", "labourDay"],
      ["2027-05-06", "ascension"],
      ["2027-05-17", "whitMonday"],
      ["2027-07-21", "nationalDay"],
      ["2027-08-15", "assumption"],
      ["2027-11-01", "allSaints"],
      ["2027-11-11", "armistice"],
      ["2027-12-25", "christmas"],
    ]);
    expect(publicHolidayOn("2026-11-11")).toBe("armistice");
    expect(publicHolidayOn("2026-11-10")).toBeNull();
    expect(publicHolidayOn("2026-07-11")).toBeNull(); // the Flemish Community's day is not a legal holiday
  });
});

describe("dates in French", () => {
  test('the first of the month is "1er" in every French format that shows the day', () => {
    const first = new Date("2026-12-01T13:00:00Z");
    expect(formatDate(new Date("2026-12-01T00:00:00Z"), "fr")).toBe("1er décembre 2026");
    expect(formatMeetingWhen(first, new Date("2026-12-01T15:00:00Z"), "fr")).toBe("mardi 1er décembre 2026, 14:00–16:00");
    expect(formatMeetingDay(first, "fr")).toMatch(/^mar\. 1er déc\. 2026$/);
    expect(instantFormat("fr", { dateStyle: "long" }).format(first)).toBe("1er décembre 2026");
    expect(dayFormat("fr", { day: "numeric", month: "long" }).format(dayKeyNoon("2027-03-01"))).toBe("1er mars");
    // Not the 11th or the 21st, and not in Dutch or English.
    expect(formatDate(new Date("2026-12-11T00:00:00Z"), "fr")).toBe("11 décembre 2026");
    expect(formatDate(new Date("2026-12-21T00:00:00Z"), "fr")).toBe("21 décembre 2026");
    expect(formatDate(new Date("2026-12-01T00:00:00Z"), "nl")).toBe("1 december 2026");
    expect(formatDate(new Date("2026-12-01T00:00:00Z"), "en")).toBe("1 December 2026");
  });
});
