// Preloaded with `node --require`: when the process exits, writes the path of every CommonJS module it loaded
// (the keys of require.cache) as a JSON array to the file named by KGEN_LOADED_MODULES.
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  fs.writeFileSync(process.env.KGEN_LOADED_MODULES, JSON.stringify(Object.keys(require.cache)));
});
