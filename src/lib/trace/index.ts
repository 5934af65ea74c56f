/** Traces: a client engine and a server engine over a simulated wire, recorded step by step. */
export * from './types';
export * from './params';
export * from './run';
export { scenarios, scenarioIds, getScenario, type ScenarioInfo, type ScenarioGroup } from './catalogue';
export type { ScenarioDef } from './scenario';
export { Simulation } from './simulation';
