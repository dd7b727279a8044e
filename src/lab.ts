/**
 * The lab's entry: what the browser lab (web/) needs beyond the public API of src/index.ts.
 * Not part of the package's public API (package.json does not export it), so it may change
 * whenever the lab does. web/src imports the library only from src/index.ts and this file
 * (scripts/check-imports.mjs checks that).
 */
// Cross-validation one fold at a time, so the lab's worker can report each fold as it ends.
export { prepareCv, fitFold, summarizeCv, type FoldFit } from "./cv/cv.js";
// Reading a column as the design reads it, and quoting names, for the data panel's messages.
export { profileColumn, sortedLevels } from "./data/design.js";
export { quote } from "./data/nearest.js";
// Why a variable has no entry on the path (unpenalized, or ridge).
export { noEntry } from "./explain/history.js";
// Text measures, label placement and number format of the charts, for charts patched in place.
export { besidePlacement, formatNumber, textWidth } from "./plot/common.js";
// A pull bar's price in words (one part, or the lasso and ridge parts), for charts patched in place.
export { priceWords } from "./plot/pull.js";
// The price a coefficient faces under MCP or SCAD, its words and chart, for the lab's price view.
export { nearestLambdaIndex, priceReading, priceWords as priceReadingWords } from "./explain/price.js";
export { priceCurveChart } from "./plot/price.js";
// Multinomial and mgaussian in the lab (web/src/multi-fit.ts, web/src/views/multi.ts): reading the
// targets, the explanation at λ and the per-class charts.
export { buildMultiDesign, MANY_CLASSES, type MultiDesign } from "./data/multi-design.js";
export { explainMulti, type MultiExplanation, type MultiVariableEvidence } from "./explain/multi.js";
export { explainMultiAt } from "./explain/multi-at.js";
export { multiPathSpec, multiPullSpec, type MultiPathInput, type MultiPullInput } from "./plot/multi.js";
export { multiDropCosts, multiDropPhrase, type MultiDropCosts } from "./explain/multi-drop.js";
// The lab's multi-response cross-validation fold by fold (web/src/multi-folds.ts): the full path and its
// standardized copy in the fit worker, each fold a view of a copy of it in a fold worker, summarized back.
export { planMultiCv, summarizeMultiCv, type MultiCvPlan, type MultiFoldFit } from "./cv/multi-cv.js";
export { fitMultiFull, fitMultiFold, multiFoldJob, type MultiFoldJob } from "./cv/multi-folds.js";
export { CvMemory, foldOrder } from "./cv/copy.js";
export { multiRoom } from "./solve/multi/solver.js";
export type { FullCopy } from "./solve/fold-view.js";
