/**
 * The decoder page's state: the input as typed, the chosen format and role, and the latest
 * outcome. Small inputs decode on every keystroke; large ones after typing pauses, in a worker.
 */
import type { FormatChoice } from '$lib/hex';
import { DecodeClient, INLINE_LIMIT } from './client';
import type { DecodeOutcome } from './input';
import { reuseUnchanged } from './stable';
import type { DeflateChoice, RoleChoice } from './types';

/**
 * Above this many characters the input is not put in the textarea: browsers lay out a textarea's
 * whole text on every change, which takes seconds for a megabyte of hex. The page shows its start.
 */
export const EDIT_LIMIT = 128 * 1024;

/** Pause in typing before a large input is decoded again. */
const DEBOUNCE_MS = 150;

export class DecodeSession {
	text = $state('');
	format = $state<FormatChoice>('auto');
	role = $state<RoleChoice>('auto');
	deflate = $state<DeflateChoice>('auto');
	/** Raw: an analysis can hold many thousands of frames, which must not become deep proxies. */
	outcome = $state.raw<DecodeOutcome | null>(null);
	busy = $state(false);
	/** The reader's code could not be loaded (offline, or a new deploy): the page offers to try again. */
	failed = $state(false);

	private readonly client = new DecodeClient();
	private timer: ReturnType<typeof setTimeout> | null = null;

	/** Decode the current input: at once when it is small, after a pause when it is large. */
	schedule(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		if (this.text.length <= INLINE_LIMIT) {
			void this.run();
			return;
		}
		this.busy = true;
		this.timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
	}

	async run(): Promise<void> {
		this.timer = null;
		const request = { text: this.text, format: this.format, role: this.role, deflate: this.deflate };
		if (request.text.trim() === '') {
			this.client.cancel();
			this.outcome = null;
			this.busy = false;
			return;
		}
		this.busy = true;
		let outcome: DecodeOutcome | null;
		try {
			outcome = await this.client.decode(request);
		} catch {
			// decodeInput catches what the analysis throws, so this is the reader failing to load:
			// keep what is shown and the input, and say so.
			this.busy = false;
			this.failed = true;
			return;
		}
		this.failed = false;
		if (!outcome) return; // a newer request is on its way
		const previous = this.outcome?.analysis ?? null;
		this.outcome = outcome.analysis ? { ...outcome, analysis: reuseUnchanged(previous, outcome.analysis) } : outcome;
		this.busy = false;
	}

	/** Load the worker while the page is idle. */
	warm(): void {
		this.client.warm();
	}

	dispose(): void {
		if (this.timer) clearTimeout(this.timer);
		this.client.dispose();
	}
}
