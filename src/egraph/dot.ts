/**
 * Graphviz export of an e-graph, drawn as egg draws it: each e-class a dotted cluster, each
 * e-node a box labelled with its operator (or its number or symbol), and an edge from each
 * e-node to the cluster of each child class (to its first e-node, clipped at the cluster's
 * border), labelled with the argument's position when the operator has several.
 *
 * @example
 * const eg = new EGraph();
 * eg.add(parseSexpr('(+ x (* 2 x))', { mode: 'written' }));
 * toDot(eg) // 'digraph egraph {\n  compound=true\n ...'; render with `dot -Tsvg`
 */
import { sexprWith } from '../term/sexpr.js';
import type { EGraph } from './egraph.js';

export interface DotOptions {
  /** Rebuild the e-graph first, so that clusters hold canonical e-nodes. Default: true. */
  rebuild?: boolean;
  /** Graph name. Default: 'egraph'. */
  name?: string;
}

/** A Graphviz quoted string. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * The e-graph in Graphviz's dot language.
 * @example toDot(eg, { name: 'g' }).startsWith('digraph g {') // true
 */
export function toDot<D, T>(egraph: EGraph<D, T>, opts: DotOptions = {}): string {
  if (opts.rebuild ?? true) egraph.rebuild();
  const name = opts.name ?? 'egraph';
  const lines: string[] = [`digraph ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : quote(name)} {`, '  compound=true', '  clusterrank=local'];
  const classes = egraph.classes();
  for (const c of classes) {
    lines.push(`  subgraph cluster_${c} {`, '    style=dotted');
    egraph.nodes(c).forEach((n, i) => {
      const leaf = egraph.nodeLeaf(n);
      const label = leaf !== null ? sexprWith(egraph.ops, leaf) : egraph.nodeOperator(n)!.name;
      lines.push(`    "${c}.${i}" [label=${quote(label)}, shape=box]`);
    });
    lines.push('  }');
  }
  for (const c of classes) {
    egraph.nodes(c).forEach((n, i) => {
      const kids = egraph.nodeChildren(n);
      kids.forEach((k, j) => {
        const label = kids.length > 1 ? `, label=${j}` : '';
        const head = k === c ? `lhead=cluster_${k}, ltail=cluster_${c}` : `lhead=cluster_${k}`;
        lines.push(`  "${c}.${i}" -> "${k}.0" [${head}${label}]`);
      });
    });
  }
  lines.push('}');
  return lines.join('\n');
}
