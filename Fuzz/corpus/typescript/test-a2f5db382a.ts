export type { A };
const x = 1