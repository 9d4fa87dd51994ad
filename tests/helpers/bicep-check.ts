import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';

/*
 * An offline check of Bicep files. The Bicep compiler is a .NET program that the toolchains download from GitHub,
 * which cannot be reached where these tests run; so the files are parsed with the tree-sitter Bicep grammar
 * (tree-sitter-bicep, run as WebAssembly by web-tree-sitter) and checked for what a compile and the default linter
 * would catch within and across files: syntax, undefined names, unused parameters and variables, malformed resource
 * types, secrets in outputs, module parameters. What it cannot check: each resource's properties against the Azure
 * resource schemas, and functions' argument types (README › Deploying says how to run the real compiler).
 */

const require = createRequire(import.meta.url);
let parser: Parser | undefined;

async function bicepParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
  parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
  allowed: string[] | null;
  defaultText: string | null;
}

export interface BicepFile {
  file: string;
  source: string;
  params: Map<string, BicepParam>;
  vars: Set<string>;
  resources: Array<{ name: string; type: string; body: string }>;
  modules: Array<{ name: string; path: string; params: string[] }>;
  outputs: Array<{ name: string; references: string[] }>;
  /** Problems a compile or the default linter would report. */
  problems: string[];
}

const at = (n: Node) => `line ${n.startPosition.row + 1}`;
const unquote = (text: string) => text.replace(/^'|'$/g, '');

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.children) if (child) walk(child, visit);
}

function identifiersIn(node: Node): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'identifier' && isReference(n)) out.push(n.text);
  });
  return out;
}

const DECLARATIONS = new Set(['parameter_declaration', 'variable_declaration', 'resource_declaration', 'module_declaration', 'output_declaration']);

/** An identifier that names something declared (not a key, a function, a declaration's own name or a loop variable). */
function isReference(n: Node): boolean {
  const parent = n.parent;
  if (!parent) return false;
  if (DECLARATIONS.has(parent.type) && parent.namedChildren[0]?.id === n.id) return false;
  if (parent.type === 'object_property' && parent.namedChildren[0]?.id === n.id) return false;
  if (parent.type === 'call_expression' && parent.childForFieldName('function')?.id === n.id) return false;
  if (parent.type === 'for_statement' && parent.childForFieldName('initializer')?.id === n.id) return false;
  if (parent.type === 'lambda_expression' && parent.namedChildren[0]?.id === n.id) return false;
  return true;
}

export async function checkBicep(file: string): Promise<BicepFile> {
  const source = readFileSync(file, 'utf8');
  const tree = (await bicepParser()).parse(source);
  if (!tree) throw new Error(`could not parse ${file}`);
  const root = tree.rootNode;
  const problems: string[] = [];
  walk(root, (n) => {
    if (n.type === 'ERROR' || n.isMissing) problems.push(`${at(n)}: syntax error near ${JSON.stringify(n.text.slice(0, 60))}`);
  });

  const params = new Map<string, BicepParam>();
  const vars = new Set<string>();
  const resources: BicepFile['resources'] = [];
  const modules: BicepFile['modules'] = [];
  const outputs: BicepFile['outputs'] = [];
  const loopVariables = new Set<string>();
  walk(root, (n) => {
    if (n.type === 'for_statement') {
      const init = n.childForFieldName('initializer');
      if (init) loopVariables.add(init.text);
      for (const c of n.namedChildren) if (c?.type === 'for_loop_parameters') for (const v of c.namedChildren) if (v) loopVariables.add(v.text);
    }
    if (n.type === 'lambda_expression') for (const v of n.namedChildren.slice(0, -1)) if (v?.type === 'identifier') loopVariables.add(v.text);
  });

  const children = root.namedChildren.filter((c): c is Node => c !== null);
  children.forEach((node, i) => {
    const name = node.namedChildren[0]?.text ?? '';
    const decorators = children[i - 1]?.type === 'decorators' ? (children[i - 1]?.text ?? '') : '';
    if (node.type === 'parameter_declaration') {
      const type = node.namedChildren[1]?.text ?? '';
      const value = node.namedChildren[2] ?? null;
      const allowed = /@allowed\(\[([\s\S]*?)\]\)/.exec(decorators)?.[1];
      params.set(name, {
        name,
        type,
        hasDefault: value !== null,
        secure: /@secure\(\)/.test(decorators),
        allowed: allowed ? [...allowed.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '') : null,
        defaultText: value?.text ?? null,
      });
    } else if (node.type === 'variable_declaration') {
      vars.add(name);
    } else if (node.type === 'resource_declaration') {
      resources.push({ name, type: unquote(node.namedChildren[1]?.text ?? ''), body: node.text });
    } else if (node.type === 'module_declaration') {
      const path = unquote(node.namedChildren[1]?.text ?? '');
      let passed: string[] = [];
      walk(node, (p) => {
        if (p.type === 'object_property' && p.namedChildren[0]?.text === 'params' && p.parent?.parent?.id === node.id) {
          passed = (p.namedChildren[1]?.namedChildren ?? []).flatMap((q) => (q?.type === 'object_property' ? [q.namedChildren[0]?.text ?? ''] : []));
        }
      });
      modules.push({ name, path, params: passed });
    } else if (node.type === 'output_declaration') {
      outputs.push({ name, references: identifiersIn(node) });
    }
  });

  const declared = new Set<string>([...params.keys(), ...vars, ...resources.map((r) => r.name), ...modules.map((m) => m.name), ...loopVariables, 'az', 'sys']);
  const used = new Set<string>();
  walk(root, (n) => {
    if (n.type !== 'identifier' || !isReference(n)) return;
    used.add(n.text);
    if (!declared.has(n.text)) problems.push(`${at(n)}: "${n.text}" is not declared`);
  });
  for (const p of params.keys()) if (!used.has(p)) problems.push(`parameter "${p}" is never used`);
  for (const v of vars) if (!used.has(v)) problems.push(`variable "${v}" is never used`);
  for (const r of resources) {
    if (!/^[A-Z][A-Za-z]+\.[A-Za-z.]+\/[A-Za-z]+(\/[A-Za-z]+)*@\d{4}-\d{2}-\d{2}(-preview)?$/.test(r.type)) problems.push(`resource "${r.name}" has a malformed type "${r.type}"`);
  }
  for (const o of outputs) {
    const secret = o.references.find((ref) => params.get(ref)?.secure);
    if (secret) problems.push(`output "${o.name}" exposes the secure parameter "${secret}"`);
  }
  for (const m of modules) {
    const target = resolve(dirname(file), m.path);
    let child: BicepFile;
    try {
      child = await checkBicep(target);
    } catch {
      problems.push(`module "${m.name}": ${m.path} cannot be read`);
      continue;
    }
    for (const p of m.params) if (!child.params.has(p)) problems.push(`module "${m.name}" passes "${p}", which ${m.path} does not declare`);
    for (const p of child.params.values()) if (!p.hasDefault && !m.params.includes(p.name)) problems.push(`module "${m.name}" does not pass the required "${p.name}"`);
    problems.push(...child.problems.map((q) => `${m.path}: ${q}`));
  }
  return { file, source, params, vars, resources, modules, outputs, problems };
}
