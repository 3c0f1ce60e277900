/** The `mlp` surface (CONTRACT.md §6): a real network, its datasets, its runner and its landscape plane. */
export * from './config';
export * from './datasets';
export * from './net';
export * from './plane';
export * from './run';
export * from './json';
export * from './userdata';
