/** The shared test utilities: the in-process CLI, temporary directories, synth set-up and plan files. */
export * from './cli';
export * from './plan-file';
export * from './synth';
export * from './tmp';
