// The names of the registered checks, as a type. Each file in src/verify/checks/ adds its own name
// to CheckNames by declaration merging (`declare module '../check-name.js'`), so the union grows
// with the folder and no list of names is kept by hand. External input (run.json, the CLI) stays
// string and is validated against the registry at runtime (isCheckName).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging: each check file adds its name
export interface CheckNames {}

/** The name of a check in src/verify/checks/: 'lost', 'commit-regression', … */
export type CheckName = keyof CheckNames & string;
