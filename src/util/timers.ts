// A fact of Node's timers that both the config's and the steps' bounds respect: a delay longer
// than a signed 32-bit millisecond count overflows, and the timer fires after 1 ms instead.
// Here, in util, so src/config/ need not import it from src/scenario/ (a layer above it).

/** The longest delay Node's timers hold: a longer one overflows and fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
