#!/usr/bin/env node
'use strict';
require('../dist/codegen/cli/main.js');
