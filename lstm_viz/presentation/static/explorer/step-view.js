/* Which cell the one-step figure shows (controls.step_view): the reader's own s and c, or a step
 * of the sequence, picked by a tap in the sequence figure, the step buttons or Play — and the way
 * back. While it shows a step, a gate moved in it is held at that step, from it on, or at every
 * step, as the reader chooses here. Nothing here comes or goes: showing a step moves nothing on
 * the page, so a handle being dragged stays under the pointer. */

import { text } from "./svg.js";

/** Time between the steps that Play shows, in milliseconds. */
export const PLAY_EVERY = 900;

export function stepView(root, store) {
  const q = (selector) => root.querySelector(selector);
  const own = q('[data-view="own"]');
  const step = q('[data-view="step"]');
  const number = q("[data-view-t]");
  const hold = q(".lstm-explorer-hold");
  const buttons = {};
  for (const name of ["prev", "play", "next", "own"]) buttons[name] = q(`[data-action="${name}"]`);
  let timer = null;

  function stop() {
    clearTimeout(timer);
    timer = null;
    buttons.play.setAttribute("aria-pressed", "false");
    text(buttons.play, "Play");
  }
  function tick() {
    if (store.selected >= store.state.x.length) return stop();
    store.select(store.selected + 1);
    timer = setTimeout(tick, PLAY_EVERY);
  }
  buttons.play.addEventListener("click", () => {
    if (timer !== null) return stop();
    buttons.play.setAttribute("aria-pressed", "true");
    text(buttons.play, "Pause");
    store.select(store.linked && store.selected < store.state.x.length ? store.selected : 1);
    timer = setTimeout(tick, PLAY_EVERY);
  });
  /** Press a button: `act`, and keep the focus on it, or on `other` when it went away. */
  const press = (pressed, other, act) => {
    const had = document.activeElement === pressed;
    stop();
    act();
    if (had && (pressed.disabled || pressed.hidden)) other.focus();
  };
  buttons.prev.addEventListener("click", () =>
    press(buttons.prev, buttons.next, () => store.select(store.linked ? store.selected - 1 : store.selected))
  );
  buttons.next.addEventListener("click", () =>
    press(buttons.next, buttons.prev, () => store.select(store.linked ? store.selected + 1 : store.selected))
  );
  buttons.own.addEventListener("click", () =>
    press(buttons.own, buttons.next, () => store.select(store.selected, false))
  );
  for (const radio of hold.querySelectorAll("input[type=radio]")) {
    radio.addEventListener("change", () => {
      if (radio.checked) store.holdAt = radio.value;
    });
  }

  function update(shown) {
    const linked = shown.t !== null;
    own.hidden = linked;
    step.hidden = !linked;
    buttons.own.disabled = !linked;
    if (linked) text(number, String(shown.t));
    buttons.prev.disabled = linked && shown.t <= 1;
    buttons.next.disabled = linked && shown.t >= store.state.x.length;
    for (const radio of hold.querySelectorAll("input[type=radio]")) radio.checked = radio.value === store.holdAt;
  }

  return { update, stop };
}
