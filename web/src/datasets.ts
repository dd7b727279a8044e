/** The datasets bundled in data/ (served as static files next to the page), with their usual target. */
import type { LabFamily } from "./reading.js";

export interface BundledDataset {
  readonly name: string;
  readonly title: string;
  readonly target: string;
  readonly family: LabFamily;
}

export const DATASETS: readonly BundledDataset[] = [
  { name: "diabetes", title: "Diabetes progression (Efron et al., 442 patients)", target: "progression", family: "gaussian" },
  { name: "breast_cancer", title: "Wisconsin breast cancer (569 tumours)", target: "malignant", family: "binomial" },
  { name: "glmnet_quickstart", title: "glmnet quick-start (simulated)", target: "y", family: "gaussian" },
  { name: "glmnet_binomial", title: "glmnet binomial example (simulated)", target: "y", family: "binomial" },
  { name: "glmnet_poisson", title: "glmnet Poisson example (simulated)", target: "y", family: "poisson" },
  { name: "iris", title: "Iris species (Anderson, Fisher; 150 flowers, 3 classes)", target: "Species", family: "multinomial" },
];

export function bundled(name: string): BundledDataset | undefined {
  return DATASETS.find((d) => d.name === name);
}
