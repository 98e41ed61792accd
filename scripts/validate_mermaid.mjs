// Parse Mermaid files with the real Mermaid parser; exit 1 naming each invalid file.
// Usage: node scripts/validate_mermaid.mjs docs/erd/*.mmd
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("validate_mermaid: no files given");
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  try {
    const result = await mermaid.parse(readFileSync(file, "utf8"));
    console.log(`ok ${file} (${result.diagramType})`);
  } catch (error) {
    failed += 1;
    console.error(`INVALID ${file}: ${String(error.message || error).split("\n").slice(0, 3).join(" ")}`);
  }
}
process.exit(failed ? 1 : 0);
