export * from './types';
export * from './load';
export * from './write';
export * from './input';
export * from './plan-file';
