// Writes docs/program.schema.json from the built package (npm run schema).
import { writeFileSync } from 'node:fs';
import { programJsonSchema } from '../dist/index.js';

const target = new URL('../docs/program.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(programJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
