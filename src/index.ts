/**
 * @module switchyard
 * The public API. Everything a user may import from 'switchyard' is re-exported here and nowhere else.
 */
export * from './errors.ts';
export * from './units/index.ts';
