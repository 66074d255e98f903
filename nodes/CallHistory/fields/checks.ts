import { DAY_MS } from '../engine/windows';

/** The longest range one run reads: a year, leap day included. */
export const MOST_RANGE_DAYS = 366;

/**
 * The checks input must pass before any request is sent, by name. The readers in parameters.ts
 * call them through this table, which is also the seam a test uses to take one out and show that
 * it, and nothing else, refuses the input (test/reliability/badInput.test.js).
 */
export const inputChecks = {
	/** A date was given at all. */
	dateGiven: (kind: string) => kind !== 'empty',
	/** What was given reads as a date. */
	dateReadable: (kind: string) => kind !== 'invalid',
	datesInOrder: (from: number, to: number) => from <= to,
	/** One run reads at most MOST_RANGE_DAYS. */
	rangeWithinLimit: (from: number, to: number) => to - from < MOST_RANGE_DAYS * DAY_MS,
	/** Required text is not empty (whitespace does not count). */
	textGiven: (text: string) => text !== '',
	/** A value put into a request's path is one segment, not a way to another endpoint. */
	pathSegment: (id: string) => id !== '' && id !== '.' && id !== '..',
	/** Every tag of an array is text. */
	tagsAreText: (tags: unknown[]) => tags.every((tag) => typeof tag === 'string'),
};
