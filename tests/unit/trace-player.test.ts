// The pieces an embed page uses on their own: ScenarioPlayer renders one scenario at a step (from
// an id, without the page), SequenceDiagram and MaskXor render from plain data; and the Player
// steps, clamps and plays as the controls expect.
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { maskSteps } from '$lib/protocol';
import { Player } from '$lib/player/player.svelte';
import { runScenario } from '$lib/trace';
import { explainStep } from '$lib/i18n/steps';
import MaskXor from '$lib/components/sim/MaskXor.svelte';
import ScenarioPlayer from '$lib/components/sim/ScenarioPlayer.svelte';
import SequenceDiagram from '$lib/components/sim/SequenceDiagram.svelte';

// Outside SvelteKit there is no page: the language comes from its (empty) params, so English.
vi.mock('$app/state', () => ({ page: { params: {}, url: new URL('http://localhost/simulate/') } }));

const text = (html: string) =>
	html
		.replace(/<!--[^]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');

describe('standalone components', () => {
	it('ScenarioPlayer shows the given step of a scenario it runs itself', () => {
		const { body } = render(ScenarioPlayer, { props: { scenario: 'echo', step: 6, compact: true } });
		const trace = runScenario('echo');
		expect(text(body)).toContain('Step 7 of 21');
		expect(text(body)).toContain(explainStep(trace.steps[6], 'en'));
		expect(text(body)).toContain('81 85 24 5a 35 1e 6c 3f 59 72 4b');
	});

	it('SequenceDiagram draws every message of a trace', () => {
		const { body } = render(SequenceDiagram, { props: { trace: runScenario('close-server') } });
		expect(body).toContain('role="img"');
		expect(text(body)).toContain('Close 1001');
		expect(body.match(/class="arrow/g)?.length).toBe(2);
	});

	it('MaskXor works the RFC example from the engine’s mask steps', () => {
		const steps = maskSteps(new TextEncoder().encode('Hello'), new Uint8Array([0x37, 0xfa, 0x21, 0x3d]));
		const { body } = render(MaskXor, { props: { steps, key: [0x37, 0xfa, 0x21, 0x3d], upTo: 1 } });
		const t = text(body);
		expect(t).toContain('7f');
		expect(t).toContain('9f');
		expect(t).not.toContain('4d'); // byte 2 is still to come at upTo = 1
	});
});

describe('Player', () => {
	it('steps, clamps and keeps its place when the trace changes', () => {
		const p = new Player(5, 9);
		expect(p.step).toBe(4);
		p.prev();
		p.prev();
		expect(p.step).toBe(2);
		p.goto(-3);
		expect(p.atStart).toBe(true);
		p.lastStep();
		p.setCount(3);
		expect(p.step).toBe(2);
		p.next();
		expect(p.step).toBe(2);
		p.setSpeed(3);
		expect(p.speed).toBe(1);
		p.setSpeed(4);
		expect(p.speed).toBe(4);
	});
});
