import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Compiled into dist-bench/bench/; RESULTS.md lives beside the source.
export const RESULTS_PATH = path.join(__dirname, '..', '..', 'bench', 'RESULTS.md');
const RESULTS_HEADER = '# Benchmark results\n\nMeasured numbers from the scripts in `bench/`; each section is rewritten by the script named in its heading.\n';

export function machineLine(): string {
  const totalGb = os.totalmem() / 1024 ** 3;
  return `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${totalGb.toFixed(1)} GB total memory`;
}

/** `uptime`'s load averages (1, 5, 15 min): other work on the machine skews every number. */
export function loadLine(): string {
  return os.loadavg().map((load) => load.toFixed(2)).join(', ');
}

/** Puts the section (starting with its `## ` heading) in place of the old one, or appends it; other sections stay. Pure. */
export function replaceSection(document: string, heading: string, newSection: string): string {
  const lines = document.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start === -1) return `${document.replace(/\n*$/, '')}\n\n${newSection}`;
  const nextOffset = lines.slice(start + 1).findIndex((line) => line.startsWith('## '));
  const end = nextOffset === -1 ? lines.length : start + 1 + nextOffset;
  const after = lines.slice(end).join('\n');
  return [...lines.slice(0, start), newSection, ...(after ? [after] : [])].join('\n');
}

export function writeSection(heading: string, body: string[]): void {
  const existing = fs.existsSync(RESULTS_PATH) ? fs.readFileSync(RESULTS_PATH, 'utf8') : RESULTS_HEADER;
  fs.writeFileSync(RESULTS_PATH, replaceSection(existing, heading, [heading, '', ...body, ''].join('\n')));
}
