// The gate latency lab, as the page sees it: which gate strategies this page can run and the
// measurement itself (worker/gate-latency-lab.ts arms its worker). Main thread; LatencyLab.svelte
// calls it, so the UI reaches workers through the system layer only.

export { availableStrategies, measureGateLatency, STRATEGY_NAMES, type GateStrategy } from '../worker/gate-latency-lab';
