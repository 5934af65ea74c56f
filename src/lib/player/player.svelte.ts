/**
 * Step, back, jump and play through a trace. The shown step is always exactly one step (`step`);
 * playing only decides when to move to the next one, and `progress` (0..1, how long we have dwelt
 * on this step while playing) is decoration for a progress line, never state a view depends on.
 * requestAnimationFrame drives play so the progress line moves at the display's rate.
 */

export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** Time on each step at 1×: long enough to read a sentence aloud in class. */
export const STEP_MS = 2400;

export class Player {
	/** Index of the shown step, 0-based (URLs and labels count from 1). */
	step = $state(0);
	count = $state(0);
	playing = $state(false);
	speed = $state<Speed>(1);
	progress = $state(0);

	private raf = 0;
	private last = 0;
	private elapsed = 0;

	constructor(count: number, step = 0) {
		this.count = Math.max(0, count);
		this.step = this.clamp(step);
	}

	get atStart(): boolean {
		return this.step <= 0;
	}

	get atEnd(): boolean {
		return this.step >= this.count - 1;
	}

	/** A new trace (parameters changed): keep the position when it still exists. */
	setCount(count: number): void {
		this.count = Math.max(0, count);
		this.step = this.clamp(this.step);
		if (this.atEnd) this.pause();
	}

	goto(index: number): void {
		const i = this.clamp(index);
		if (i !== this.step) this.step = i;
		this.elapsed = 0;
		this.progress = 0;
	}

	next(): void {
		if (!this.atEnd) this.goto(this.step + 1);
		else this.pause();
	}

	prev(): void {
		this.goto(this.step - 1);
	}

	first(): void {
		this.goto(0);
	}

	lastStep(): void {
		this.goto(this.count - 1);
	}

	play(): void {
		if (this.playing || this.count === 0 || typeof requestAnimationFrame === 'undefined') return;
		// Playing from the end starts over, as a media player does.
		if (this.atEnd) this.goto(0);
		this.playing = true;
		this.elapsed = 0;
		this.last = performance.now();
		this.raf = requestAnimationFrame(this.frame);
	}

	pause(): void {
		this.playing = false;
		this.progress = 0;
		this.elapsed = 0;
		if (this.raf && typeof cancelAnimationFrame !== 'undefined') cancelAnimationFrame(this.raf);
		this.raf = 0;
	}

	toggle(): void {
		if (this.playing) this.pause();
		else this.play();
	}

	setSpeed(speed: number): void {
		const s = SPEEDS.find((x) => x === speed);
		if (s) this.speed = s;
	}

	destroy(): void {
		this.pause();
	}

	private readonly frame = (now: number): void => {
		if (!this.playing) return;
		// A background tab can come back after seconds: move at most one step per frame.
		const dt = Math.min(now - this.last, 250);
		this.last = now;
		this.elapsed += dt;
		const dwell = STEP_MS / this.speed;
		if (this.elapsed >= dwell) {
			if (this.atEnd) {
				this.pause();
				return;
			}
			this.goto(this.step + 1);
			if (this.atEnd) {
				this.pause();
				return;
			}
		} else this.progress = this.elapsed / dwell;
		this.raf = requestAnimationFrame(this.frame);
	};

	private clamp(i: number): number {
		if (!Number.isFinite(i)) return 0;
		return Math.min(Math.max(0, Math.trunc(i)), Math.max(0, this.count - 1));
	}
}
