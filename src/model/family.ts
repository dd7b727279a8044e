export type Family = "gaussian" | "binomial" | "poisson";
export const FAMILIES: readonly Family[] = ["gaussian", "binomial", "poisson"];
