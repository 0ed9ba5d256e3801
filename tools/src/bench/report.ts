import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Measurement } from './measure';

export function machineInfo() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Peak resident set (VmHWM) of a process, in MB, from /proc; null where /proc is absent. */
export function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export interface ScenarioResult {
  name: string;
  description: string;
  results: Record<string, Measurement>;
}

export const TARGETS = ['newsgraph gateway', 'statements subgraph', 'SQL floor', '@apollo/gateway'];

export function table(scenarios: ScenarioResult[]): string {
  const lines = ['| query | path | req/s | p50 ms | p99 ms | requests | errors | server CPU ms/request |', '|---|---|---:|---:|---:|---:|---:|---:|'];
  for (const s of scenarios) {
    for (const t of TARGETS) {
      const m = s.results[t];
      if (!m) continue;
      const cpu = m.cpuMsPerRequest !== undefined ? m.cpuMsPerRequest.toFixed(2) : '';
      lines.push(`| ${s.name} | ${t} | ${m.rps.toFixed(1)} | ${m.p50} | ${m.p99} | ${m.requests} | ${m.errors} | ${cpu} |`);
    }
  }
  return lines.join('\n');
}
