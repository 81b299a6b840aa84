import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node.js";

/**
 * Drives the real yaml-language-server over stdio, as an editor does: initialize, push
 * settings, open documents, ask for completion and hover, and collect the diagnostics the
 * server publishes. Only the LSP types the tests read are declared here.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
const serverBin = fileURLToPath(new URL("../../node_modules/yaml-language-server/bin/yaml-language-server", import.meta.url));

/** The schema a user attaches to a pipeline file, as a file URL. */
export const pipelineSchemaUrl = pathToFileURL(`${root}schemas/pipeline.json`).href;

/** The modeline that attaches the pipeline schema to one file. */
export const modeline = `# yaml-language-server: $schema=${pipelineSchemaUrl}`;

export interface Position {
  line: number;
  character: number;
}

export interface Diagnostic {
  range: { start: Position; end: Position };
  message: string;
  severity?: number;
}

export interface CompletionItem {
  label: string;
  kind?: number;
  insertText?: string;
  textEdit?: { newText: string };
  documentation?: string | { kind: string; value: string };
}

export interface Hover {
  contents: { kind: string; value: string } | string;
}

/** LSP CompletionItemKind.Property. */
export const propertyKind = 10;

export class YamlLanguageServer {
  private readonly waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();
  private documents = 0;
  /** The `yaml` settings section; the server pulls it (workspace/configuration) whenever told settings changed. */
  private yaml: Record<string, unknown> = {};
  private pulled: (() => void) | undefined;

  private constructor(
    private readonly process: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    connection.onNotification("textDocument/publishDiagnostics", (params: { uri: string; diagnostics: Diagnostic[] }) => {
      const resolve = this.waiting.get(params.uri);
      if (resolve) {
        this.waiting.delete(params.uri);
        resolve(params.diagnostics);
      }
    });
    connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) => {
      const answer = params.items.map((item) => (item.section === "yaml" ? this.yaml : {}));
      this.pulled?.();
      return answer;
    });
    // The server asks for things an editor shows (progress, messages); answer as a quiet editor.
    connection.onRequest(() => null);
    connection.onNotification(() => undefined);
  }

  static async start(): Promise<YamlLanguageServer> {
    const child = spawn(process.execPath, [serverBin, "--stdio"], { stdio: ["pipe", "pipe", "ignore"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new YamlLanguageServer(child, connection);
    connection.listen();
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          publishDiagnostics: {},
        },
      },
    });
    await connection.sendNotification("initialized", {});
    await server.configure({});
    return server;
  }

  /**
   * Change the `yaml.*` settings as an editor does: notify, then answer the server's pull. The
   * schema store stays off (no network in tests).
   */
  async configure(yaml: Record<string, unknown>): Promise<void> {
    this.yaml = { validate: true, hover: true, completion: true, schemaStore: { enable: false }, ...yaml };
    const pulled = new Promise<void>((resolve) => (this.pulled = resolve));
    await this.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
    await pulled;
  }

  /** Open a document; resolves with the diagnostics the server publishes for it. */
  async open(text: string, name = `doc-${++this.documents}.yaml`): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = `file:///buildpush-editor-tests/${name}`;
    const published = new Promise<Diagnostic[]>((resolve) => this.waiting.set(uri, resolve));
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
    return { uri, diagnostics: await published };
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[] | null>("textDocument/completion", { textDocument: { uri }, position });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async hover(uri: string, position: Position): Promise<string> {
    const result = await this.connection.sendRequest<Hover | null>("textDocument/hover", { textDocument: { uri }, position });
    if (!result) return "";
    return typeof result.contents === "string" ? result.contents : result.contents.value;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

/** Where `marker` is in `text` (the first one after `after`, if given), `offset` characters into it. */
export function positionOf(text: string, marker: string, offset = 0, after?: string): Position {
  const start = after === undefined ? 0 : text.indexOf(after);
  const index = text.indexOf(marker, start < 0 ? 0 : start);
  if (index < 0) throw new Error(`${JSON.stringify(marker)} is not in the document`);
  const before = text.slice(0, index + offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

export function documentation(item: CompletionItem): string {
  const doc = item.documentation;
  return typeof doc === "string" ? doc : (doc?.value ?? "");
}

/** A pipeline document with one step of `type`, its spec given as YAML lines at spec depth. */
export function pipelineWithStep(type: string, specLines: string[], wrapper: string[] = ["name: Build", "identifier: build"]): string {
  const indent = " ".repeat(20);
  return [
    modeline,
    "pipeline:",
    "  identifier: p",
    "  stages:",
    "    - stage:",
    "        identifier: s",
    "        type: CI",
    "        spec:",
    "          execution:",
    "            steps:",
    "              - step:",
    `                  type: ${type}`,
    ...wrapper.map((line) => `                  ${line}`),
    "                  spec:",
    ...specLines.map((line) => `${indent}${line}`),
    "",
  ].join("\n");
}
