#!/usr/bin/env node
import { runProcess } from '../dist/src/node/main.js';
await runProcess(['asm']);
