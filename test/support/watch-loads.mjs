// `node --import ./watch-loads.mjs …` names on stderr every module of ours the process loads
// (not those of node_modules): a test of what a command loads before it answers.
import { register } from 'node:module';

register('./watch-loads.hooks.mjs', import.meta.url);
