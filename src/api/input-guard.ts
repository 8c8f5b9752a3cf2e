/**
 * Checks on an operation's raw text and variables that run before graphql-js parses or coerces
 * them, the same for HTTP GET, HTTP POST and graphql-ws: what graphql-js would choke on (a document
 * thousands of brackets deep overflows its recursive parser), what tokens do not count (commas and
 * whitespace), and text PostgreSQL cannot store (NUL) or that is not Unicode (a lone surrogate).
 * Each refusal is a GraphQLError with a typed `extensions.code`; the numbers are QUERY_LIMITS.
 */
import { isUtf8 } from "node:buffer";
import type { IncomingMessage } from "node:http";
import { GraphQLError, type GraphQLFormattedError, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from "graphql";
import { ErrorCode } from "../domain/errors.js";
import { QUERY_LIMITS } from "../domain/limits.js";
import { limitError } from "./limit-error.js";

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** BAD_USER_INPUT naming the variable at `path` ("$input.name"), as extensions.fields does for other bad input ("input.name"). */
const badInput = (message: string, path: string, problem: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [{ path: path.slice(1), message: problem }], http: { status: 400 } } });

/**
 * The document's size in bytes and how deeply it nests, checked with graphql-js's own lexer (which
 * is iterative) before the parser runs; null when both are within QUERY_LIMITS. Lexical errors are
 * left to the parser, which reports them with their position.
 */
function checkDocumentText(query: string): GraphQLError | null {
  const bytes = Buffer.byteLength(query, "utf8");
  if (bytes > QUERY_LIMITS.maxDocumentBytes) {
    const kb = QUERY_LIMITS.maxDocumentBytes / 1024;
    return limitError("documentBytes", QUERY_LIMITS.maxDocumentBytes, `The document is ${bytes} bytes, more than ${kb} KB. Send a smaller operation (commas and whitespace count too).`, bytes);
  }
  const lexer = new Lexer(new Source(query));
  let depth = 0;
  try {
    for (let tokens = 0; tokens <= QUERY_LIMITS.maxTokens; tokens++) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) break;
      if (OPENING.has(token.kind) && ++depth > QUERY_LIMITS.maxNesting) {
        return limitError("nesting", QUERY_LIMITS.maxNesting, `The document nests brackets, braces or parentheses more than ${QUERY_LIMITS.maxNesting} deep (line ${token.line}). Send a flatter operation.`);
      }
      if (CLOSING.has(token.kind)) depth--;
    }
  } catch {
    return null; // a syntax error: the parser reports it
  }
  return null;
}

/** In a /u pattern a surrogate pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with one string of input, or null: PostgreSQL stores no NUL, and a lone surrogate is not Unicode. */
function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (U+0000), which text may not contain";
  if (LONE_SURROGATE.test(text)) return "contains a lone surrogate (half of a UTF-16 pair), which is not Unicode text";
  return null;
}

/**
 * Every string in the variables is text Jalin can store, and they nest at most
 * QUERY_LIMITS.maxVariableDepth levels; null when they are fine. Walks without recursion, so JSON
 * nested thousands deep is refused, not a stack overflow.
 */
function checkVariables(variables: unknown): GraphQLError | null {
  if (variables === null || typeof variables !== "object") return null;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: variables, path: "$", depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return badInput(`Variable ${path} ${problem}; remove it.`, path, problem);
    } else if (value !== null && typeof value === "object") {
      if (depth >= QUERY_LIMITS.maxVariableDepth) {
        return badInput(`Variables nest more than ${QUERY_LIMITS.maxVariableDepth} levels of lists and objects deep (at ${path}); no input of this API needs that.`, path, `nested more than ${QUERY_LIMITS.maxVariableDepth} deep`);
      }
      for (const [key, child] of Object.entries(value)) {
        const keyProblem = textProblem(key);
        if (keyProblem) return badInput(`A field name in variable ${path} ${keyProblem}.`, path, `a field name ${keyProblem}`);
        stack.push({ value: child, path: path === "$" ? `$${key}` : `${path}.${key}`, depth: depth + 1 });
      }
    }
  }
  return null;
}

/**
 * A validation rule: strings written in the document obey textProblem too (the lexer already
 * refuses lone surrogates). A function declaration, so LIMIT_RULES can list it whichever module loads first.
 */
export function DocumentTextRule(context: ValidationContext): ReturnType<ValidationRule> {
  return {
    StringValue(node) {
      const problem = textProblem(node.value);
      if (problem) {
        context.reportError(new GraphQLError(`A string in the document ${problem}; remove it.`, { nodes: [node], extensions: { code: ErrorCode.BAD_USER_INPUT } }));
      }
    },
  };
}

/**
 * A validation rule: no field answers under the name `__proto__`. graphql-js is patched to build
 * each answer as a plain object, which V8 fills faster than graphql-js's null-prototype ones and
 * JSON.stringify writes about 30% faster (scripts/patches/graphql+*.patch, issue 17); on a plain
 * object that one key would set the prototype instead of holding the field, so it is refused before
 * execution.
 */
export function ReservedResponseNameRule(context: ValidationContext): ReturnType<ValidationRule> {
  return {
    Field(node) {
      const name = (node.alias ?? node.name).value;
      if (name === "__proto__") {
        context.reportError(new GraphQLError(`"__proto__" cannot name a field in the answer; give the field another alias.`, { nodes: [node], extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }));
      }
    },
  };
}

/** The checks above on one request as a transport received it: the first refusal, or null. */
export function checkRequestText(request: { query?: unknown; variables?: unknown }): GraphQLError | null {
  return (typeof request.query === "string" ? checkDocumentText(request.query) : null) ?? checkVariables(request.variables);
}

/** `extensions.code` of a request whose bytes are not UTF-8. */
export const NOT_UTF8 = "encoding.invalid";

/**
 * express.json's `verify`: a body that is not UTF-8 is refused (400), not decoded with
 * replacement characters and executed.
 */
export function requireUtf8Body(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error("The request body is not valid UTF-8."), { status: 400, type: NOT_UTF8 });
}

/** Whether every percent-encoded part of a URL's query decodes to UTF-8 text. */
function queryIsUtf8(url: string): boolean {
  const at = url.indexOf("?");
  if (at < 0) return true;
  try {
    decodeURIComponent(url.slice(at + 1).replace(/\+/g, " "));
    return true;
  } catch {
    return false;
  }
}

interface HttpRequest extends IncomingMessage {
  method: string;
  url: string;
  body?: unknown;
  query?: unknown;
}

/**
 * Express middleware before Apollo: the checks above on a GET's query string or a POST's body.
 * A refusal answers 400 with `{ errors: [...] }` as Apollo would, and the operation never runs.
 */
export function guardHttpRequest(
  req: HttpRequest,
  res: { status(code: number): { json(body: unknown): void } },
  next: () => void,
): void {
  let request: { query?: unknown; variables?: unknown } = {};
  if (req.method === "GET") {
    if (!queryIsUtf8(req.url)) {
      res.status(400).json({ errors: [{ message: "The query string is not valid percent-encoded UTF-8.", extensions: { code: ErrorCode.BAD_REQUEST } }] });
      return;
    }
    const query = (req.query ?? {}) as Record<string, unknown>;
    let variables: unknown = query.variables;
    if (typeof variables === "string") {
      try {
        variables = JSON.parse(variables);
      } catch {
        variables = undefined; // Apollo answers malformed variables itself
      }
    }
    request = { query: query.query, variables };
  } else if (req.body && typeof req.body === "object" && !Array.isArray(req.body)) {
    request = req.body as typeof request;
  }
  const refused = requestTextRefusal(request);
  if (!refused) return next();
  res.status(400).json({ errors: [refused] });
}

/**
 * checkRequestText's refusal as the error a 400 answer carries (`extensions.http` left out, as
 * Apollo leaves it out), or null when the text passes. The plain JSON path (http/graphql-http.ts)
 * answers it as guardHttpRequest does.
 */
export function requestTextRefusal(request: { query?: unknown; variables?: unknown }): GraphQLFormattedError | null {
  const refused = checkRequestText(request);
  if (!refused) return null;
  const { http: _http, ...extensions } = refused.extensions as { http?: unknown } & Record<string, unknown>;
  return { message: refused.message, extensions };
}
