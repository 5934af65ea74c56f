/** Running a scenario into a Trace: the one entry point the page, the embeds and the tests use. */

import { DEFAULT_PARAMS, readParams, type ParamIssue, type RawParams, type ScenarioParams } from './params';
import { getScenario } from './catalogue';
import { getScript } from './scenarios';
import type { Trace } from './types';
import type { Http2Simulation } from './http2-simulation';
import type { Simulation } from './simulation';

export class UnknownScenarioError extends Error {
	constructor(id: string) {
		super(`There is no scenario "${id}".`);
		this.name = 'UnknownScenarioError';
	}
}

/** Run a scenario with (some of) its parameters; the same parameters always give the same trace. */
export function runScenario(id: string, params: Partial<ScenarioParams> = {}): Trace {
	return toTrace(id, simulate(id, params), { ...DEFAULT_PARAMS, ...params });
}

/** The Simulation itself, for tests that compare the trace with the engines' own final state. */
export function simulate(id: string, params: Partial<ScenarioParams> = {}): Simulation | Http2Simulation {
	const script = getScenario(id) && getScript(id);
	if (!script) throw new UnknownScenarioError(id);
	return script.run({ ...DEFAULT_PARAMS, ...params });
}

/** Run a scenario from URL parameters: problems come back as issues, never as exceptions. */
export function runFromQuery(id: string, raw: RawParams): { trace: Trace; issues: ParamIssue[] } {
	const def = getScenario(id);
	const script = def && getScript(id);
	if (!def || !script) throw new UnknownScenarioError(id);
	const { params, issues } = readParams(raw, def.params);
	return { trace: toTrace(id, script.run(params), params), issues };
}

function toTrace(id: string, sim: Simulation | Http2Simulation, p: ScenarioParams): Trace {
	const def = getScenario(id)!;
	const used: Trace['params'] = {};
	if (def.params.includes('key')) used.key = p.badKey ?? p.key;
	if (def.params.includes('mask')) used.mask = p.mask;
	if (def.params.includes('text')) used.text = p.text;
	if (def.params.includes('msg')) used.messages = [...p.messages];
	if (def.params.includes('frag')) used.fragment = p.fragment;
	if (def.params.includes('close')) used.closeBy = p.closeBy;
	used.seed = p.seed;
	return { scenario: id, params: used, steps: sim.steps };
}
