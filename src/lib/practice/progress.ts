/**
 * Practice progress, kept in the browser (localStorage) and nowhere else: which exercises of which
 * lesson have been solved (answered right before the answer was shown). A position counts once,
 * whatever its numbers were. Storage may be missing, full or refused (private windows, a
 * permissions policy): progress is then not kept, and nothing fails.
 */
const KEY = 'fbf:practice';

/** Positions solved, per lesson slug. */
export type Progress = Readonly<Record<string, readonly number[]>>;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function store(): Store | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/** What is kept; anything unreadable counts as nothing solved. */
export function readProgress(storage: Store | null = store()): Progress {
	try {
		const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
		const out: Record<string, number[]> = {};
		for (const [slug, list] of Object.entries(raw))
			if (Array.isArray(list))
				out[slug] = [...new Set(list.filter((v) => Number.isInteger(v) && v >= 0))].sort((a, b) => a - b);
		return out;
	} catch {
		return {};
	}
}

/** Mark exercise `position` of lesson `slug` solved; the progress after it. */
export function markSolved(slug: string, position: number, storage: Store | null = store()): Progress {
	const now = readProgress(storage);
	const next = { ...now, [slug]: [...new Set([...(now[slug] ?? []), position])].sort((a, b) => a - b) };
	try {
		storage?.setItem(KEY, JSON.stringify(next));
	} catch {
		// Full or refused: the progress lives on in the page until it is closed.
	}
	return next;
}

/** Forget every lesson's progress. */
export function resetProgress(storage: Store | null = store()): void {
	try {
		storage?.removeItem(KEY);
	} catch {
		// Refused: there was nothing kept to forget.
	}
}

/** How many of a set's positions are solved. */
export function solvedCount(progress: Progress, slug: string, count: number): number {
	return (progress[slug] ?? []).filter((p) => p < count).length;
}
