export * from './kafka';
export * from './network';
export * from './migration';
