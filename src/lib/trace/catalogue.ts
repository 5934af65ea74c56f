/**
 * The scenarios the simulator offers, as data: id, group and the parameters each reads from the
 * URL, in the order the page lists them. Their scripts (scenarios/, which drive the engines) are
 * apart, so a page can list and configure scenarios before it loads the engine to run one.
 */
import type { ParamName } from './params';

export type ScenarioGroup = 'handshake' | 'messages' | 'control' | 'errors' | 'http2' | 'custom';

export interface ScenarioInfo {
	readonly id: string;
	readonly group: ScenarioGroup;
	/** Parameters read from the URL (besides `scenario` and `step`). */
	readonly params: readonly ParamName[];
}

export const scenarios: readonly ScenarioInfo[] = [
	{ id: 'handshake', group: 'handshake', params: ['key'] },
	{ id: 'echo', group: 'messages', params: [] },
	{ id: 'masking', group: 'messages', params: ['text', 'mask'] },
	{ id: 'large-16', group: 'messages', params: [] },
	{ id: 'large-64', group: 'messages', params: [] },
	{ id: 'fragmented', group: 'messages', params: [] },
	{ id: 'ping-pong', group: 'control', params: [] },
	{ id: 'close-client', group: 'control', params: [] },
	{ id: 'close-server', group: 'control', params: [] },
	{ id: 'deflate', group: 'messages', params: [] },
	{ id: 'error-unmasked', group: 'errors', params: [] },
	{ id: 'error-utf8', group: 'errors', params: [] },
	{ id: 'error-control-too-long', group: 'errors', params: [] },
	{ id: 'rejected-version', group: 'errors', params: [] },
	{ id: 'http2', group: 'http2', params: [] },
	{ id: 'custom', group: 'custom', params: ['msg', 'frag', 'mask', 'close', 'deflate'] }
];

export const scenarioIds: readonly string[] = scenarios.map((s) => s.id);

export function getScenario(id: string): ScenarioInfo | undefined {
	return scenarios.find((s) => s.id === id);
}
