#!/usr/bin/env node
import { main } from '../index.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Only a bug in tspoll itself gets here: user mistakes are reported by main().
    console.error(err);
    process.exitCode = 70;
  },
);
