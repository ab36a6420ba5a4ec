// On a phone the side panel is a sheet over the bottom of the view: collapsed to its handle, so the
// graph or the table has the whole width, and opened by the handle (tap or swipe up) or by choosing
// something whose evidence it shows.
import { $ } from './dom';

/** the width below which the panel becomes a sheet; the same number as explorer.css's media query */
const phone = window.matchMedia('(max-width: 640px)');

export const isSheet = (): boolean => phone.matches;

export function openSheet(open: boolean): void {
  $('panel').classList.toggle('open', open);
  $('sheet-handle').setAttribute('aria-expanded', String(open));
}

/** the handle names the view, as the panel's heading does */
export function setSheetTitle(text: string): void {
  $('sheet-title').textContent = text || '详情与依据 / Details';
}

export function initSheet(): void {
  const handle = $('sheet-handle');
  let startY: number | null = null;
  // a swipe up opens, a swipe down closes; a tap (no swipe) toggles
  handle.addEventListener('pointerdown', (e) => (startY = e.clientY));
  handle.addEventListener('pointerup', (e) => {
    if (startY === null) return;
    const dy = e.clientY - startY;
    startY = null;
    if (Math.abs(dy) > 24) {
      openSheet(dy < 0);
      handle.dataset.swiped = '1';
    }
  });
  handle.addEventListener('click', () => {
    if (handle.dataset.swiped) return void delete handle.dataset.swiped;
    openSheet(!$('panel').classList.contains('open'));
  });
  phone.addEventListener('change', () => openSheet(false));
}
