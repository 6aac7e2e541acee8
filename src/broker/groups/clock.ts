// The coordinator's clock is the project's one injectable clock (src/clock.ts).
export * from '../../clock.js';
