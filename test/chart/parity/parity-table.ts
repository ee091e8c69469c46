import { CHART_ENGINES } from './chart-engines';
import type { DeviationId } from './chart-fixes';
import type { ParityResult } from './compare';
import { summarizeFlows } from './summarize-flows';

/** The README's result table: per engine and values file, the flows that differ and what explains them. */
export function parityTable(results: readonly ParityResult[]): string {
  const rows = [...results].sort((a, b) => CHART_ENGINES.indexOf(a.case.engine) - CHART_ENGINES.indexOf(b.case.engine));
  const lines = ['| engine | values | flows that differ | explained by |', '|---|---|--:|---|'];
  for (const result of rows) {
    const { engine, label } = result.case;
    lines.push(`| \`${engine}\` | ${cell(label)} | ${result.refused ? '—' : `${result.differences.length} of ${result.flows}`} | ${explanation(result)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function explanation(result: ParityResult): string {
  if (result.refused) return `not compared: the function refuses the values, as the API server would refuse the chart's objects (\`cnp-priority\`): ${cell(refusal(result.refused))}`;
  if (result.differences.length === 0) return 'no difference';
  const ids = [...new Set(result.differences.flatMap((d) => d.explainedBy))] as DeviationId[];
  return ids
    .map((id) => {
      const flows = result.differences.filter((d) => d.explainedBy.includes(id));
      return `\`${id}\` (${flows.length}): ${summarizeFlows(flows, result.all)}`;
    })
    .join('; ');
}

/** `[error] fn.kpt.dev/…/chart-values networkPolicy.x: 9000 is outside … (the API server rejects it): set …` → the middle. */
function refusal(error: string): string {
  const match = /\s(networkPolicy\.[\w.]+: .*?)(?: \(the API server rejects it\))?: /.exec(error);
  return match ? `\`${match[1]!.replace(/:.*$/, '')}\`${match[1]!.replace(/^[^:]*/, '')}` : error;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
