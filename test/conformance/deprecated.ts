// Members AWS has deprecated or announced it will retire, and the places product code reads one. A member
// counts as deprecated when the model says `deprecated: true` (on it or its shape), or when documentation
// says so in words ("will be retired", "is deprecated"...): AWS announced the retirement of Organizations'
// `Account.Status` only in documentation. Reads are found with the TypeScript type checker: a property
// access or destructuring whose property is declared on an @aws-sdk/client-* interface named like the shape.
import { relative } from "node:path";
import ts from "typescript";
import type { ServiceModel } from "./model.js";
import { SRC } from "./product-calls.js";

/** "Shape.Member" of every deprecated member, with the reason (for the failure message). */
export type Deprecations = Map<string, string>;

const RETIRING = /\b(will be retired|is deprecated|are deprecated|been deprecated|field is deprecated|no longer in use|discontinued|do not use)\b/i;

const plain = (html: string): string =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The sentences of a documentation string that announce a retirement, and the code names they mention. */
function retirements(doc: string): Array<{ sentence: string; names: string[] }> {
  return doc
    .split(/(?<=\.)\s+|<\/p>/)
    .filter((sentence) => RETIRING.test(plain(sentence)))
    .map((sentence) => ({ sentence: plain(sentence), names: [...sentence.matchAll(/<code>(\w+)<\/code>/g)].map((m) => m[1]!) }));
}

/** The structure a member leads to, through lists and maps. */
function targetStructure(model: ServiceModel, shapeName: string): string | undefined {
  const shape = model.shapes[shapeName];
  if (!shape) return undefined;
  if (shape.type === "structure") return shapeName;
  if (shape.type === "list") return targetStructure(model, shape.member!.shape);
  if (shape.type === "map") return targetStructure(model, shape.value!.shape);
  return undefined;
}

export function deprecatedMembers(models: Iterable<ServiceModel>): Deprecations {
  const found: Deprecations = new Map();
  for (const model of models) {
    for (const [shapeName, shape] of Object.entries(model.shapes)) {
      for (const [memberName, member] of Object.entries(shape.members ?? {})) {
        if (member.deprecated || model.shapes[member.shape]?.deprecated) {
          found.set(`${shapeName}.${memberName}`, "marked deprecated in the model");
          continue;
        }
        for (const { sentence, names } of retirements(member.documentation ?? "")) {
          // A sentence naming no member, or this one, is about this member; one naming members of the
          // structure it leads to (DescribeAccountResponse.Account: "The Status parameter ... will be
          // retired") is about those.
          if (names.length === 0 || names.includes(memberName)) {
            if (!found.has(`${shapeName}.${memberName}`)) found.set(`${shapeName}.${memberName}`, sentence);
            continue;
          }
          const target = targetStructure(model, member.shape);
          for (const name of names) {
            if (target && model.shapes[target]?.members?.[name] && !found.has(`${target}.${name}`)) found.set(`${target}.${name}`, sentence);
          }
        }
      }
    }
  }
  return found;
}

export interface DeprecatedRead {
  /** file:line relative to the repository root. */
  where: string;
  member: string;
  reason: string;
}

/** The SDK interface a property symbol is declared on, when that is in an @aws-sdk/client-* package. */
function sdkInterface(symbol: ts.Symbol | undefined): string | undefined {
  for (const declaration of symbol?.declarations ?? []) {
    const file = declaration.getSourceFile().fileName;
    if (!/[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]/.test(file)) continue;
    const owner = declaration.parent;
    if (ts.isInterfaceDeclaration(owner) || ts.isTypeAliasDeclaration(owner) || ts.isClassDeclaration(owner)) return owner.name?.text;
  }
  return undefined;
}

/**
 * The SDK names most shapes as the model does; an operation's input and output may instead be
 * `<Operation>Request/Input/Response/Output` or `<Operation>CommandInput/Output`.
 */
function shapeAliases(models: Iterable<ServiceModel>): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const model of models) {
    for (const [name, operation] of Object.entries(model.operations)) {
      if (operation.input) for (const alias of ["Request", "Input", "CommandInput"]) aliases.set(`${name}${alias}`, operation.input.shape);
      if (operation.output) for (const alias of ["Response", "Output", "CommandOutput"]) aliases.set(`${name}${alias}`, operation.output.shape);
    }
  }
  return aliases;
}

/** Every read, in the given product files, of a member in `deprecations`. */
export function deprecatedReads(files: string[], models: Iterable<ServiceModel>, deprecations: Deprecations): DeprecatedRead[] {
  const aliases = shapeAliases(models);
  const config = ts.getParsedCommandLineOfConfigFile(`${SRC}/../tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const program = ts.createProgram(files, { ...(config?.options ?? {}), noEmit: true });
  const checker = program.getTypeChecker();
  const reads: DeprecatedRead[] = [];
  // Asking the checker only about names some deprecated member has keeps this fast.
  const names = new Set([...deprecations.keys()].map((key) => key.slice(key.indexOf(".") + 1)));

  const consider = (node: ts.Node, symbol: ts.Symbol | undefined, property: string) => {
    if (!names.has(property)) return;
    const owner = sdkInterface(symbol);
    if (!owner) return;
    const key = `${aliases.get(owner) ?? owner}.${property}`;
    const reason = deprecations.get(key);
    if (!reason) return;
    const source = node.getSourceFile();
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    reads.push({ where: `${relative(`${SRC}/..`, source.fileName)}:${line}`, member: key, reason });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      if (names.has(node.name.text)) consider(node.name, checker.getSymbolAtLocation(node.name), node.name.text);
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      if (names.has(node.argumentExpression.text))
        consider(node.argumentExpression, checker.getSymbolAtLocation(node.argumentExpression), node.argumentExpression.text);
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const name = node.propertyName ?? node.name;
      if ((ts.isIdentifier(name) || ts.isStringLiteralLike(name)) && names.has(name.text)) {
        const type = checker.getNonNullableType(checker.getTypeAtLocation(node.parent));
        consider(node, type.getProperty(name.text), name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  const wanted = new Set(files.map((f) => ts.sys.resolvePath(f)));
  for (const source of program.getSourceFiles()) if (wanted.has(ts.sys.resolvePath(source.fileName))) visit(source);
  return reads;
}
