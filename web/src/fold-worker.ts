/// <reference lib="webworker" />
/**
 * A fold worker of the lab's multi-response cross-validation (multi-folds.ts): it fits the folds it is
 * given, each as a view of the standardized copy it was sent, and posts each fold's path as it ends.
 */
import { fitFolds } from "./multi-folds.js";
import type { MultiFoldMessage, MultiFoldsRequest } from "./protocol.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<MultiFoldsRequest>) => {
  const { id, work, folds } = event.data;
  const post = (message: MultiFoldMessage) => scope.postMessage(message);
  let fold = folds[0] ?? 0;
  try {
    fitFolds(work, folds, (k, path) => {
      post({ type: "multi-fold", id, fold: k, path, error: null });
      fold = folds[folds.indexOf(k) + 1] ?? k;
    });
  } catch (error) {
    post({ type: "multi-fold", id, fold, path: null, error: (error as Error).message });
  }
};
