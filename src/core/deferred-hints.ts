// The id of index.html's inert <template> of deferred preload hints: the build writes it
// (shipping/cold-start.ts), the page moves its hints into <head> at the first paint
// (ui/first-paint.ts). A constant, in core so that both sides name the same element.

export const DEFERRED_HINTS_ID = 'first-replay-hints';
