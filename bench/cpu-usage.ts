import * as fs from 'node:fs';
import * as path from 'node:path';

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of one process, in microseconds (from /proc; 10 ms resolution). */
function processCpuMicros(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/**
 * CPU time of the PostgreSQL server (postmaster and its live backends). Backends that exit during the run are not
 * counted; the app's pool keeps its connections, so under load none do.
 */
export function postgresCpuMicros(clusterDir: string): number {
  const postmaster = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return [postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => sum + processCpuMicros(pid), 0);
}

export function ownCpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** The machine's CPU time from /proc/stat, in clock ticks: busy (user, system, irq…), idle (with iowait), and stolen by the host. */
export interface MachineCpuTicks {
  busy: number;
  idle: number;
  steal: number;
}

export function machineCpuTicks(): MachineCpuTicks {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
}

/**
 * How the machine's CPU went between two readings, in percent of all of it: on a shared virtual machine the host may
 * take a large part of the cores (steal), and then every number of the run is slower. Pure.
 */
export function machineCpuLine(before: MachineCpuTicks, after: MachineCpuTicks): string {
  const busy = after.busy - before.busy;
  const idle = after.idle - before.idle;
  const steal = after.steal - before.steal;
  const total = Math.max(1, busy + idle + steal);
  const percent = (ticks: number) => `${((100 * ticks) / total).toFixed(0)} %`;
  return `busy ${percent(busy)}, idle ${percent(idle)}, taken by the host (steal) ${percent(steal)}`;
}
