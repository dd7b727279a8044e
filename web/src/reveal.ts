/**
 * Bringing a question's answer into sight once its view is laid out. The answer heads the questions box,
 * which sticks to the top of the window beside the views; but a view shown alone can make the page shorter
 * than the box needs, and the box then rides up with the end of the page, its answer above the window (the
 * 1366×768 check of test/web/truth.test.ts). So: scroll the box to its answer, then the window up until the
 * box sits at its sticking place. Where the box does not stick (narrow screens put it below the views), the
 * answer is scrolled to like any element.
 */

/** The gap the sticky questions box keeps from the window's top (style.css: .questions top 0.5rem). */
const STICK_GAP = 8;

export function revealAnswer(answer: HTMLElement): void {
  const box = answer.closest<HTMLElement>(".questions");
  if (!box || getComputedStyle(box).position !== "sticky") {
    answer.scrollIntoView({ block: "start" });
    return;
  }
  box.scrollTop += answer.getBoundingClientRect().top - box.getBoundingClientRect().top;
  const top = box.getBoundingClientRect().top;
  if (top < STICK_GAP) window.scrollBy(0, top - STICK_GAP);
}
