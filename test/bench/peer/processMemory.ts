// Resident memory of a process from /proc (Linux): the same measure for the runner and for llama.cpp.
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** VmRSS: resident now. */
  rssMB: number;
  /** VmHWM: the most ever resident. */
  peakMB: number;
}

export function processMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}
