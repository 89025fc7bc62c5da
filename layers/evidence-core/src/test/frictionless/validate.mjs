// Validates a datapackage.json with Frictionless's own v1 library and casts every CSV row of its
// tabular resources against their Table Schemas. Prints one JSON line: {valid, errors, rows}.
// Usage: node validate.mjs path/to/datapackage.json
import path from 'node:path';
import fs from 'node:fs';
import { Package } from 'datapackage';

const file = process.argv[2];
const descriptor = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkg = await Package.load(descriptor, { basePath: path.dirname(file), strict: false });
const errors = pkg.errors.map((e) => String(e.message || e));
let rows = 0;
for (const resource of pkg.resources) {
  const format = resource.descriptor.format;
  if (!resource.tabular || format !== 'csv') continue;
  try {
    const data = await resource.read({ cast: true });
    rows += data.length;
  } catch (e) {
    const inner = (e.errors || []).slice(0, 5).map((x) => String(x.message || x));
    errors.push(`${resource.name}: ${e.message}${inner.length ? ' (' + inner.join('; ') + ')' : ''}`);
  }
}
console.log(JSON.stringify({ valid: pkg.valid && errors.length === 0, errors, rows }));
