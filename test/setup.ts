import 'reflect-metadata';

// every query of the suite runs compiled by graphql-jit, the path a repeated query takes in
// production (its first run goes through graphql-js: test/executor.test.ts)
process.env.DUTYGRAPH_JIT_AFTER ??= '0';
