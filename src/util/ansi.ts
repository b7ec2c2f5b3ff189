// Terminal colour and cursor codes (ANSI CSI sequences: ESC [ params letter), removed before a
// tool's or a runner's output is read as text: by a person, a category regex or a last-line pick.

// eslint-disable-next-line no-control-regex -- ESC (\u001b) is the control character that starts every such code.
const ANSI_SEQUENCE = /\u001b\[[0-9;]*[A-Za-z]/g;

/** The text without its ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}
