#!/usr/bin/env node
'use strict';
// The CLI is bundled to dist/cli.js by `npm run build` (also run by `prepare`).
require('../dist/cli.js').main();
